/**
 * Emailed reports in a real browser (docs/analytics.md "Emailed reports"):
 * an admin reaches the screen from Analytics, sets one up for a team with a
 * person and a plain address, sees it listed with its schedule and next
 * month, pauses it and stops it; a wrong address and an impossible day are
 * each said beside their field, nothing saved; Edit opens the same form
 * with a report's values, Cancel leaves it, Save changes it for good (a
 * reload shows the change) and a refused change is said beside its field;
 * someone who may not manage them is told who may. Screenshots at 1280 and
 * 390 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtp } from '../../server/src/test-support/fake-vendors/fake-smtp.js';
import { apiAs, nameOf, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

describe('Emailed reports', () => {
  let h: Harness;
  let smtp: FakeSmtp;
  let admin: { id: string; email: string; token: string };
  let viewer: { id: string; email: string; token: string };
  let api: ApiCall;
  let carol: string;
  let teamId: string;
  let loginId: string;
  let tokensId: string;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await startHarness({
      config: {
        providers: {
          email: { smtpUrl: smtp.url, from: 'Tocsin <tocsin@acme.test>' },
          inboundSmtp: undefined,
          twilio: undefined,
          slack: undefined,
        },
      },
    });
    admin = await h.app.createUserWithToken('admin');
    viewer = await h.app.createUserWithToken('viewer', 'carol@acme.test');
    api = apiAs(h.app, admin.token);
    carol = `${await nameOf(h.app, admin.token, viewer.id)} (carol@acme.test)`;
    teamId = (await api<{ id: string }>('POST', '/api/v1/teams', { slug: 'identity', name: 'OCTO Identity' })).id;
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Identity primary',
      levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }],
    });
    const service = (slug: string, name: string) =>
      api<{ id: string }>('POST', '/api/v1/services', { slug, name, teamId, escalationPolicyId: policy.id });
    loginId = (await service('login', 'Login')).id;
    tokensId = (await service('tokens', 'Tokens')).id;
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  /** A fresh browser signed in as `email`, on the emailed reports. */
  const openScreen = async (email: string) => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, email);
    await page.goto('/app/analytics/emailed-reports');
    return page;
  };
  /** Screenshots at 1280 and 390 px (/tmp/NAME-WIDTH.png), nothing wider than a phone; back to 1280. */
  const lookAt = async (page: Page, name: string) => {
    await page.screenshot({ path: `/tmp/${name}-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `/tmp/${name}-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });
  };

  const listed = async () =>
    (
      await api<{
        items: Array<{
          name: string;
          dayOfMonth: number;
          sendTime: string;
          paused: boolean;
          recipientEmails: string[];
        }>;
      }>('GET', '/api/v1/analytics/report-subscriptions')
    ).items;

  it('sets one up for a team, lists it, pauses it and stops it', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    await page.goto('/app/analytics');
    await page.getByRole('link', { name: 'Emailed reports' }).click();
    await page.waitForURL('**/app/analytics/emailed-reports');
    await page.getByText('No report is emailed yet').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Identity SLA for the CTO');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'OCTO Identity' });
    await page.getByLabel('Day of the month').fill('3');
    await page.getByLabel('At', { exact: true }).fill('09:30');
    await page.getByLabel('People').selectOption({ label: carol });
    await page.getByRole('button', { name: `Remove ${carol}` }).waitFor();
    await page.getByLabel('Other addresses', { exact: true }).fill('cto@example.com');
    await page.getByRole('button', { name: 'Email this report' }).click();

    const row = page.getByTestId('report-subscription');
    await row.first().waitFor();
    const text = (await row.first().textContent())!;
    expect(text).toContain('Identity SLA for the CTO');
    expect(text).toContain('OCTO Identity');
    expect(text).toContain('Day 3 at 09:30');
    expect(text).toContain(carol.replace(' (carol@acme.test)', ''));
    expect(text).toContain('cto@example.com');
    await page.getByRole('status').filter({ hasText: 'is set up' }).waitFor();
    const [saved] = await listed();
    expect(saved).toMatchObject({
      dayOfMonth: 3,
      sendTime: '09:30',
      paused: false,
      recipientEmails: ['cto@example.com'],
    });
    // The form is empty again, ready for another.
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    await lookAt(page, 'emailed-reports');

    await page.getByRole('button', { name: 'Pause Identity SLA for the CTO' }).click();
    await row.first().getByText('Paused').waitFor();
    expect((await listed())[0]!.paused).toBe(true);
    await page.getByRole('button', { name: 'Resume Identity SLA for the CTO' }).click();
    await page.getByRole('button', { name: 'Pause Identity SLA for the CTO' }).waitFor();
    expect((await listed())[0]!.paused).toBe(false);

    await page.getByRole('button', { name: 'Stop Identity SLA for the CTO' }).click();
    await page.getByRole('button', { name: 'Yes, stop it' }).click();
    await page.getByText('No report is emailed yet').waitFor();
    expect(await listed()).toHaveLength(0);
  });

  it('says beside each field what is wrong, and saves nothing', async () => {
    const page = await openScreen(admin.email);
    await page.getByLabel('Name', { exact: true }).fill('Broken one');
    await page.getByLabel('Day of the month').fill('31');
    await page.getByLabel('People').selectOption({ label: carol });
    await page.getByLabel('Other addresses', { exact: true }).fill('ok@example.com\nnot-an-address');
    await page.getByRole('button', { name: 'Email this report' }).click();

    const emailsError = page.locator('#sub-emails-error');
    await emailsError.waitFor();
    expect(await emailsError.textContent()).toContain('“not-an-address” must be an email address');
    expect(await page.locator('#sub-emails').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#sub-emails').getAttribute('aria-describedby')).toContain('sub-emails-error');
    expect(await page.locator('#sub-day-error').textContent()).toBe('Must be at most 28.');
    expect(await page.locator('#sub-name').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByRole('alert').first().textContent()).toMatch(/see what is wrong beside the fields/);
    // What was typed and chosen stays, to be corrected.
    expect(await page.getByLabel('Other addresses', { exact: true }).inputValue()).toBe(
      'ok@example.com\nnot-an-address',
    );
    await page.getByRole('button', { name: `Remove ${carol}` }).waitFor();
    expect(await listed()).toHaveLength(0);
    await lookAt(page, 'emailed-reports-errors');
  });

  interface Saved {
    id: string;
    name: string;
    teamId: string | null;
    serviceIds: string[];
    dayOfMonth: number;
    sendTime: string;
    timeZone: string;
    recipientUserIds: string[];
    recipientEmails: string[];
    showIncidentTitles: boolean;
    paused: boolean;
  }
  const subscriptionFor = async (name: string) =>
    api<Saved>('POST', '/api/v1/analytics/report-subscriptions', {
      name,
      teamId,
      serviceIds: [loginId],
      dayOfMonth: 2,
      sendTime: '07:15',
      timeZone: 'Europe/Paris',
      recipientUserIds: [viewer.id],
      recipientEmails: ['board@example.com'],
      showIncidentTitles: true,
    });
  const savedNow = async (id: string) =>
    (await api<{ items: Saved[] }>('GET', '/api/v1/analytics/report-subscriptions')).items.find((s) => s.id === id);
  const stop = async (id: string) =>
    expect(
      (await h.app.request('DELETE', `/api/v1/analytics/report-subscriptions/${id}`, { token: admin.token })).status,
    ).toBe(204);
  const hasFocus = (page: Page, id: string) =>
    page.waitForFunction((wanted) => document.activeElement?.id === wanted, id);

  it('changes one: the form starts from what it is, Cancel leaves it, Save changes it for good', async () => {
    const made = await subscriptionFor('Identity for the board');
    const page = await openScreen(admin.email);
    const row = page.getByTestId('report-subscription').filter({ hasText: 'Identity for the board' });
    await page.getByRole('button', { name: 'Edit Identity for the board' }).click();

    // The same form, filled with what it is now, its first field ready to type in; the empty one steps aside.
    const form = page.getByRole('form', { name: 'Edit “Identity for the board”' });
    const name = form.getByLabel('Name', { exact: true });
    await hasFocus(page, `sub-${made.id}-name`);
    expect(await name.inputValue()).toBe('Identity for the board');
    expect(await form.getByLabel('Team', { exact: true }).inputValue()).toBe(teamId);
    await form.getByRole('button', { name: 'Remove Login' }).waitFor();
    expect(await form.getByLabel('Day of the month').inputValue()).toBe('2');
    expect(await form.getByLabel('At', { exact: true }).inputValue()).toBe('07:15');
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Paris');
    await form.getByRole('button', { name: `Remove ${carol}` }).waitFor();
    expect(await form.getByLabel('Other addresses', { exact: true }).inputValue()).toBe('board@example.com');
    expect(await form.getByRole('checkbox', { name: /Show incident titles/ }).isChecked()).toBe(true);
    await row.getByText('Being edited below').waitFor();
    expect(await page.getByRole('button', { name: 'Email this report' }).count()).toBe(0);

    // Cancel: nothing sent, the list as it was, the reader back at the report's Edit button.
    await name.fill('Something else');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    await hasFocus(page, `sub-edit-${made.id}`);
    await page.getByRole('button', { name: 'Email this report' }).waitFor();
    expect((await savedNow(made.id))!.name).toBe('Identity for the board');
    expect(await page.getByText('Something else').count()).toBe(0);

    // Change everything the form holds.
    await page.getByRole('button', { name: 'Edit Identity for the board' }).click();
    await name.fill('Identity for the CTO');
    await form.getByRole('button', { name: 'Remove Login' }).click();
    await form.getByLabel('Only these services (optional)').selectOption({ label: 'Tokens' });
    await form.getByLabel('Day of the month').fill('5');
    await form.getByLabel('At', { exact: true }).fill('18:45');
    await form.getByLabel('Time zone').fill('America/New_York');
    await form.getByRole('button', { name: `Remove ${carol}` }).click();
    await form.getByLabel('Other addresses', { exact: true }).fill('CTO@example.com\nboard@example.com');
    await form.getByRole('checkbox', { name: /Show incident titles/ }).uncheck();
    await lookAt(page, 'emailed-reports-edit');
    await form.getByRole('button', { name: 'Save changes' }).click();

    await page.getByRole('status').filter({ hasText: '“Identity for the CTO” is saved' }).waitFor();
    await form.waitFor({ state: 'detached' });
    const changed = page.getByTestId('report-subscription').filter({ hasText: 'Identity for the CTO' });
    const shown = async () => {
      const text = (await changed.textContent())!;
      expect(text).toContain('1 service');
      expect(text).toContain('Day 5 at 18:45');
      expect(text).toContain('America/New_York');
      expect(text).toContain('cto@example.com, board@example.com (addresses see numbers)');
      expect(text).not.toContain(carol.replace(' (carol@acme.test)', ''));
    };
    await shown();
    await hasFocus(page, `sub-edit-${made.id}`);
    expect(await savedNow(made.id)).toMatchObject({
      name: 'Identity for the CTO',
      teamId,
      serviceIds: [tokensId],
      dayOfMonth: 5,
      sendTime: '18:45',
      timeZone: 'America/New_York',
      recipientUserIds: [],
      recipientEmails: ['cto@example.com', 'board@example.com'],
      showIncidentTitles: false,
      paused: false,
    });

    // It stays changed: after a reload, in the list and in the form.
    await page.reload();
    await shown();
    await page.getByRole('button', { name: 'Edit Identity for the CTO' }).click();
    const again = page.getByRole('form', { name: 'Edit “Identity for the CTO”' });
    expect(await again.getByLabel('Time zone').inputValue()).toBe('America/New_York');
    await again.getByRole('button', { name: 'Remove Tokens' }).waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();
    await lookAt(page, 'emailed-reports-edited');

    await stop(made.id);
  });

  it('says beside each field what is wrong with a change, and keeps the report as it was', async () => {
    const made = await subscriptionFor('Identity monthly');
    const page = await openScreen(admin.email);
    await page.getByRole('button', { name: 'Edit Identity monthly' }).click();
    const form = page.getByRole('form', { name: 'Edit “Identity monthly”' });
    await form.getByLabel('Day of the month').fill('0');
    await form.getByLabel('Other addresses', { exact: true }).fill('board@example.com\nnot-an-address');
    await form.getByRole('button', { name: 'Save changes' }).click();

    const emailsError = page.locator(`#sub-${made.id}-emails-error`);
    await emailsError.waitFor();
    expect(await emailsError.textContent()).toContain('“not-an-address” must be an email address');
    expect(await page.locator(`#sub-${made.id}-emails`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#sub-${made.id}-day-error`).textContent()).toBe('Must be at least 1.');
    expect(await page.locator(`#sub-${made.id}-name`).getAttribute('aria-invalid')).toBeNull();
    expect(await form.getByRole('alert').textContent()).toMatch(
      /The changes were not saved: .*see what is wrong beside the fields/,
    );
    // Still open, with what was typed, to be corrected; the report unchanged.
    expect(await form.getByLabel('Other addresses', { exact: true }).inputValue()).toBe(
      'board@example.com\nnot-an-address',
    );
    expect(await savedNow(made.id)).toMatchObject({ dayOfMonth: 2, recipientEmails: ['board@example.com'] });
    await lookAt(page, 'emailed-reports-edit-errors');

    await stop(made.id);
  });

  it('tells someone who may not manage them who may', async () => {
    const page = await openScreen(viewer.email);
    await page.getByText('Only admins, or managers of a team, set up emailed reports.').waitFor();
    expect(await page.getByRole('button', { name: 'Email this report' }).count()).toBe(0);
  });
});
