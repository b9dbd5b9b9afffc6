/**
 * Incident response in a real browser (ADR 17): a responder declares an
 * incident from the web form and owns it, takes the IMOC role, moves the
 * stage (the list shows and filters it), hands the role off; the other
 * person accepts and becomes owner; the first one's resolve is refused with
 * the server's reason naming the owner, and the owner resolves. The API agrees at every step that matters.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, nameOf, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

interface ResponseBody {
  stage: string;
  owner: { id: string } | null;
  ownerRole: string | null;
  handoffs: Array<{ state: string }>;
}

describe('Declaring and running an incident', () => {
  let h: Harness;
  let api: ApiCall;
  let admin: { id: string; token: string };
  let first: { id: string; email: string; token: string };
  let second: { id: string; email: string; token: string };
  let firstName: string;
  let secondName: string;

  async function ownerShown(page: Page, name: string): Promise<void> {
    await page.getByTestId('response-owner').filter({ hasText: name }).waitFor();
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    first = await h.app.createUserWithToken('responder');
    second = await h.app.createUserWithToken('responder');
    firstName = await nameOf(h.app, admin.token, first.id);
    secondName = await nameOf(h.app, admin.token, second.id);
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Checkout primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: first.id }] }],
    });
    await api('POST', '/api/v1/services', { slug: 'checkout', name: 'Checkout', escalationPolicyId: policy.id });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('declares from the form, takes a role, moves the stage, hands off, and only the owner resolves', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, first.email);

    // Declare: from the shell's button, two fields and a severity.
    await page.getByRole('banner').getByRole('link', { name: 'Declare incident' }).click();
    await page.waitForURL('**/app/incidents/declare');
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Checkout' });
    await page.getByLabel('Title', { exact: true }).fill('Checkout images load slowly');
    await page.getByRole('radio', { name: /^S3 · Minor/ }).check();
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/app\/incidents\/[0-9a-f-]{36}$/);
    const incidentId = page.url().split('/').pop()!;
    // Nobody was paged for an S3: the declarer holds the EOC role and owns it.
    await ownerShown(page, `${firstName} (you)`);
    await page
      .getByRole('region', { name: 'Summary' })
      .getByTestId('incident-severity')
      .filter({ hasText: 'S3' })
      .waitFor();

    // Take a role: the IMOC ranks above the EOC, so ownership moves to that role.
    await page.getByRole('button', { name: 'Take Incident manager on call' }).click();
    await page.getByTestId('role-imoc').getByTestId('role-holder').filter({ hasText: firstName }).waitFor();
    await page.getByRole('region', { name: 'Owner' }).getByText('as Incident manager on call').waitFor();

    // Change the stage.
    await page.getByRole('group', { name: 'Stage' }).getByRole('button', { name: 'Identified' }).click();
    await page
      .getByRole('region', { name: 'Summary' })
      .getByTestId('incident-stage')
      .filter({ hasText: 'Identified' })
      .waitFor();
    // The stage buttons follow the incident's refetch, which may land after the summary's: wait for it.
    await expect
      .poll(() =>
        page
          .getByRole('group', { name: 'Stage' })
          .getByRole('button', { name: 'Identified' })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');

    // The list shows severity, stage and owner, and filters by them.
    await page.goto('/app/incidents?mine=true&severity=S3');
    const row = page.getByTestId('incident-row').filter({ hasText: 'Checkout images load slowly' });
    await row.getByTestId('incident-stage').filter({ hasText: 'Identified' }).waitFor();
    await row.getByTestId('incident-owner').filter({ hasText: firstName }).waitFor();
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Monitoring' });
    await page.getByRole('heading', { name: 'No incidents match' }).waitFor();
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Not resolved yet' });
    await row.getByTestId('incident-owner').filter({ hasText: firstName }).waitFor();
    await page.getByRole('checkbox', { name: 'S3' }).uncheck();
    await page.getByRole('checkbox', { name: 'S1' }).check();
    await page.getByRole('heading', { name: 'No incidents match' }).waitFor();
    await page.goto(`/app/incidents/${incidentId}`);

    // Hand off the IMOC role to the second responder.
    const handoff = page.getByRole('form', { name: 'Hand off' });
    await handoff.getByLabel('Hand off').selectOption('imoc');
    await handoff.getByLabel('To', { exact: true }).selectOption({ label: secondName });
    await handoff.getByLabel('Note').fill('Going off shift');
    await handoff.getByRole('button', { name: 'Ask to take over' }).click();
    await page.getByTestId('handoffs').getByText(`asks ${secondName}`).waitFor();
    const asked = await api<ResponseBody>('GET', `/api/v1/incidents/${incidentId}/response`);
    expect(asked.handoffs.map((h) => h.state)).toEqual(['pending']);
    expect(asked.owner?.id).toBe(first.id);

    // The other person accepts and becomes owner.
    const other = await h.newPage();
    other.setDefaultTimeout(10_000);
    await signIn(other, second.email);
    await other.goto(`/app/incidents/${incidentId}`);
    await other.getByRole('button', { name: 'Accept hand-off' }).click();
    await ownerShown(other, `${secondName} (you)`);

    // The first responder is no longer owner: the server refuses, naming the owner.
    await page.reload();
    await ownerShown(page, secondName);
    await page.getByRole('group', { name: 'Stage' }).getByRole('button', { name: 'Resolved' }).click();
    await page.getByRole('alert').filter({ hasText: `Only the owner` }).filter({ hasText: secondName }).waitFor();
    expect((await api<ResponseBody>('GET', `/api/v1/incidents/${incidentId}/response`)).stage).toBe('identified');

    // The owner resolves.
    await other.getByRole('group', { name: 'Stage' }).getByRole('button', { name: 'Resolved' }).click();
    await other
      .getByRole('region', { name: 'Summary' })
      .getByTestId('incident-stage')
      .filter({ hasText: 'Resolved' })
      .waitFor();
    const after = await api<ResponseBody>('GET', `/api/v1/incidents/${incidentId}/response`);
    expect(after).toMatchObject({ stage: 'resolved', owner: { id: second.id }, ownerRole: 'imoc' });
    expect(after.handoffs.map((h) => h.state)).toEqual(['accepted']);
    const incident = await api<{ status: string }>('GET', `/api/v1/incidents/${incidentId}`);
    expect(incident.status).toBe('resolved');
  });
});
