/**
 * Emailed reports in a real browser (docs/analytics.md "Emailed reports"):
 * an admin reaches the screen from Analytics, sets one up for a team with a
 * person and a plain address, sees it listed with its schedule and next
 * month, pauses it and stops it; a wrong address and an impossible day are
 * each said beside their field, nothing saved; someone who may not manage
 * them is told who may. Screenshots at 1280 and 390 px.
 */
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
    await api('POST', '/api/v1/teams', { slug: 'identity', name: 'OCTO Identity' });
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

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
    await page.screenshot({ path: '/tmp/emailed-reports-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/emailed-reports-390.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

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
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    await page.goto('/app/analytics/emailed-reports');
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
    await page.screenshot({ path: '/tmp/emailed-reports-errors-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/emailed-reports-errors-390.png', fullPage: true });
  });

  it('tells someone who may not manage them who may', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, viewer.email);
    await page.goto('/app/analytics/emailed-reports');
    await page.getByText('Only admins, or managers of a team, set up emailed reports.').waitFor();
    expect(await page.getByRole('button', { name: 'Email this report' }).count()).toBe(0);
  });
});
