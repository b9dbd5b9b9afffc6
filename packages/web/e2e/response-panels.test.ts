/**
 * The rest of an incident's response in a real browser (ADR 17): a paged
 * incident is declared from its page; its severity is raised with a reason
 * (kept in the history); the start checklist ticks and disappears once done;
 * a related incident is linked by number and another merged into it. An
 * admin renames a severity and the declare form shows the new name.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

interface Created {
  id: string;
  number: number;
}

describe('Response panels on the incident page', () => {
  let h: Harness;
  let api: ApiCall;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };
  let serviceId: string;

  async function openAs(email: string, path: string): Promise<Page> {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, email);
    await page.goto(path);
    return page;
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    responder = await h.app.createUserWithToken('responder');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Search primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: responder.id }] }],
    });
    serviceId = (
      await api<{ id: string }>('POST', '/api/v1/services', {
        slug: 'search',
        name: 'Search',
        escalationPolicyId: policy.id,
      })
    ).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('declares a paged incident, raises its severity with a reason, and works through the checklist', async () => {
    const paged = await api<Created>('POST', '/api/v1/incidents', { serviceId, title: 'Search index lagging' });
    const page = await openAs(responder.email, `/app/incidents/${paged.id}`);

    await page.getByRole('button', { name: 'Declare…' }).click();
    await page
      .getByRole('form', { name: 'Declare this incident' })
      .getByRole('radio', { name: /^S3 · / })
      .check();
    await page.getByRole('button', { name: 'Declare as S3' }).click();
    await page.getByTestId('response-severity').filter({ hasText: 'S3' }).waitFor();

    await page.getByRole('button', { name: 'Change severity' }).click();
    const change = page.getByRole('form', { name: 'Change severity' });
    await change.getByRole('radio', { name: /^S2 · / }).check();
    await change.getByLabel('Why').fill('Customers see stale results');
    await change.getByRole('button', { name: 'Save severity' }).click();
    await page.getByTestId('response-severity').filter({ hasText: 'S2' }).waitFor();
    await page.getByTestId('severity-history').getByText('S3 → S2').waitFor();
    await page.getByTestId('severity-history').getByText('Customers see stale results').waitFor();

    // S2 has the start checklist; the items Tocsin cannot know are ticked by hand, then it goes away.
    const checklist = page.getByRole('region', { name: 'Start checklist' });
    await checklist.waitFor();
    // "Acknowledged" ticks itself once someone acknowledges the page.
    expect(await checklist.getByRole('checkbox', { name: /Someone acknowledged/ }).isChecked()).toBe(false);
    await api('POST', `/api/v1/incidents/${paged.id}/acknowledge`);
    await page.reload();
    await checklist.getByRole('checkbox', { name: /Someone acknowledged/, checked: true }).waitFor();
    // Each box is saved, then shown as the server has it (so it is clicked, not "checked" locally).
    const channel = checklist.getByRole('checkbox', { name: 'A channel for this incident exists' });
    await channel.click();
    await checklist.getByRole('checkbox', { name: 'A channel for this incident exists', checked: true }).waitFor();
    await checklist.getByRole('checkbox', { name: 'Customers are informed' }).click();
    await checklist.waitFor({ state: 'detached' });

    const response = await api<{ severity: string; checklist: Array<{ done: boolean }> }>(
      'GET',
      `/api/v1/incidents/${paged.id}/response`,
    );
    expect(response.severity).toBe('S2');
    expect(response.checklist.every((item) => item.done)).toBe(true);
  });

  it('links a related incident by number and merges another into it', async () => {
    const main = await api<Created>('POST', '/api/v1/incidents', {
      serviceId,
      title: 'Search down',
      severity: 'S3',
      page: 'none',
    });
    const related = await api<Created>('POST', '/api/v1/incidents', { serviceId, title: 'Autocomplete slow' });
    // Declared by the responder, who owns it: merging a declared incident away is its owner's call.
    const duplicate = await apiAs(h.app, responder.token)<Created>('POST', '/api/v1/incidents', {
      serviceId,
      title: 'Search returns 500',
      severity: 'S4',
      page: 'none',
    });

    const page = await openAs(responder.email, `/app/incidents/${main.id}`);
    const links = page.getByRole('region', { name: 'Linked incidents' });
    await links.getByLabel('Incident number').fill(String(related.number));
    await links.getByRole('button', { name: 'Link as related' }).click();
    await page
      .getByTestId('links')
      .getByRole('link', { name: `#${related.number} Autocomplete slow` })
      .waitFor();

    await page.goto(`/app/incidents/${duplicate.id}`);
    await links.getByLabel('Incident number').fill(`#${main.number}`);
    await links.getByRole('button', { name: 'Merge into it' }).click();
    await links.getByRole('button', { name: 'Yes, merge' }).click();
    await page.waitForURL(`**/app/incidents/${main.id}`);
    await page.getByTestId('links').getByText('Merged from').waitFor();

    const merged = await api<{ status: string }>('GET', `/api/v1/incidents/${duplicate.id}`);
    expect(merged.status).toBe('resolved');
  });

  it('shows a renamed severity where severities are chosen', async () => {
    const page = await openAs(admin.email, '/app/settings/severities');
    const s4 = page.getByRole('form', { name: /^S4 · / });
    await s4.getByLabel('Name', { exact: true }).fill('Cheap');
    await s4.getByRole('button', { name: 'Save S4' }).click();
    await s4.getByText('Saved.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Declare incident' }).click();
    await page.getByRole('radio', { name: /^S4 · Cheap/ }).waitFor();
    expect(await page.getByRole('radio', { name: /^S4 · Cheap/ }).isChecked()).toBe(true);
  });
});
