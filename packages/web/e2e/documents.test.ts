/**
 * The live state document in a real browser: two responders edit the
 * summary at once; the first save wins, the second (started from the older
 * version) is refused and shows the first person's text, and saves again
 * once merged. Objectives, actions and links show beside it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkoutService, openIncidentAs, startHarness, type ApiCall, type Harness } from './support/harness.js';

interface Doc {
  sections: Array<{ key: string; text: string; version: number }>;
}

describe('The incident document', () => {
  let h: Harness;
  let asAda: ApiCall;
  let ada: { id: string; email: string; token: string };
  let ben: { id: string; email: string; token: string };
  let incident: { id: string; number: number };

  const openAs = (email: string): Promise<Page> => openIncidentAs(h, email, incident.id, 'Document');

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    const asAdmin = apiAs(h.app, admin.token);
    ada = await h.app.createUserWithToken('responder');
    ben = await h.app.createUserWithToken('responder');
    asAda = apiAs(h.app, ada.token);
    const service = await checkoutService(asAdmin, ada.id);
    await asAdmin('PUT', '/api/v1/settings/conference-bridge', { url: 'https://meet.example.com/war-room' });
    incident = await asAda('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Checkout slow',
      severity: 'S2',
      page: 'none',
    });
    const doc = `/api/v1/incidents/${incident.id}/document`;
    await asAda('POST', `${doc}/objectives`, { text: 'p99 under 300 ms for 15 minutes' });
    await asAda('POST', `${doc}/objectives`, { text: 'Error rate under 0.1%' });
    await asAda('POST', `${doc}/actions`, {
      text: 'Alert on checkout latency',
      ownerId: ben.id,
      dueDate: '2027-01-15',
    });
    await asAda('POST', `${doc}/links`, { label: 'Checkout dashboard', url: 'https://grafana.example.com/d/checkout' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('refuses a stale save of the summary, shows the other text, and saves the merge', async () => {
    const [pageA, pageB] = [await openAs(ada.email), await openAs(ben.email)];
    const summaryOf = (page: Page) => page.getByTestId('section-summary');

    // Ben starts editing first, from version 0.
    await summaryOf(pageB).getByRole('button', { name: 'Edit summary' }).click();
    await summaryOf(pageB).getByRole('textbox', { name: 'Summary' }).fill('Payments fail for some cards');

    // Ada edits and saves first.
    await summaryOf(pageA).getByRole('button', { name: 'Edit summary' }).click();
    await summaryOf(pageA).getByRole('textbox', { name: 'Summary' }).fill('Checkout takes 20 s');
    await summaryOf(pageA).getByRole('button', { name: 'Save' }).click();
    await summaryOf(pageA).getByText('Version 1 by').waitFor();

    // Ben's save is stale: refused, with Ada's text shown to merge.
    await summaryOf(pageB).getByRole('button', { name: 'Save' }).click();
    const conflict = summaryOf(pageB).getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByLabel('Their text').textContent()).toBe('Checkout takes 20 s');
    expect(await summaryOf(pageB).getByRole('textbox', { name: 'Summary' }).inputValue()).toBe(
      'Payments fail for some cards',
    );

    await summaryOf(pageB).screenshot({ path: '/tmp/doc-conflict-1280.png' });
    await pageB.setViewportSize({ width: 390, height: 844 });
    await summaryOf(pageB).screenshot({ path: '/tmp/doc-conflict-390.png' });
    const scrolls = await pageB.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(scrolls).toBe(false);

    await summaryOf(pageB)
      .getByRole('textbox', { name: 'Summary' })
      .fill('Checkout takes 20 s; payments fail for some cards');
    await summaryOf(pageB).getByRole('button', { name: 'Save merged text' }).click();
    await summaryOf(pageB).getByText('Version 2 by').waitFor();
    expect(await conflict.count()).toBe(0);

    const saved = await asAda<Doc>('GET', `/api/v1/incidents/${incident.id}/document`);
    expect(saved.sections.find((s) => s.key === 'summary')).toMatchObject({
      text: 'Checkout takes 20 s; payments fail for some cards',
      version: 2,
    });
  });

  it('ticks objectives met and shows the actions and links', async () => {
    const page = await openAs(ada.email);
    const objectives = page.getByTestId('objectives');
    // The box shows what the server says: it ticks once the save comes back.
    await objectives.getByRole('checkbox', { name: 'p99 under 300 ms for 15 minutes' }).click();
    await objectives.getByText('met by').waitFor();
    expect(await objectives.getByRole('checkbox', { name: 'p99 under 300 ms for 15 minutes' }).isChecked()).toBe(true);
    await objectives.getByRole('checkbox', { name: 'Error rate under 0.1%' }).click();
    await page.getByText('Every objective is met').waitFor();
    await page.getByTestId('actions').getByText('due 2027-01-15').waitFor();
    await page.getByTestId('doc-links').getByRole('link', { name: 'Conference bridge' }).waitFor();
    await page.getByTestId('doc-links').getByRole('link', { name: 'Checkout dashboard' }).waitFor();
    await page.getByRole('region', { name: 'Document' }).screenshot({ path: '/tmp/doc-panel-1280.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('region', { name: 'Document' }).screenshot({ path: '/tmp/doc-panel-390.png' });
  });
});
