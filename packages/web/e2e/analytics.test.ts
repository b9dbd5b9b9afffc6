/**
 * The Analytics area in a real browser: the figures of this month's
 * incidents (one acknowledged late), grouped by service with the grouping
 * and filters kept in the URL (a reload keeps them), a click on a group and
 * on the compliance figure narrowing to the incidents behind them, and the
 * monthly report page with its CSV link. Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

describe('Analytics', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let api: ApiCall;
  let serviceId: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    const team = await api<{ id: string }>('POST', '/api/v1/teams', { slug: 'identity', name: 'OCTO Identity' });
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Identity primary',
      levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }],
    });
    serviceId = (
      await api<{ id: string }>('POST', '/api/v1/services', {
        slug: 'login',
        name: 'Login',
        teamId: team.id,
        escalationPolicyId: policy.id,
      })
    ).id;
    const open = (title: string) =>
      api<{ number: number }>('POST', '/api/v1/incidents', { serviceId: 'login', title, urgency: 'high' });
    const late = await open('Login page times out');
    h.app.clock.advanceMinutes(20);
    await api('POST', `/api/v1/incidents/${late.number}/acknowledge`);
    await api('POST', `/api/v1/incidents/${late.number}/resolve`);
    const quick = await open('Token refresh errors');
    h.app.clock.advanceMinutes(2);
    await api('POST', `/api/v1/incidents/${quick.number}/acknowledge`);
    h.app.clock.advanceMinutes(30);
    await api('POST', `/api/v1/incidents/${quick.number}/resolve`);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the figures, keeps filters in the URL, and drills down to the incidents behind them', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL('**/app/analytics');
    const figures = page.getByRole('region', { name: 'Figures' });
    await figures.getByText('SLA compliance').waitFor();
    expect(await figures.getByTestId('figure').first().textContent()).toContain('2');
    expect(await figures.getByTestId('figure').filter({ hasText: 'SLA compliance' }).textContent()).toContain('50.0%');

    await page.getByLabel('Group by').selectOption('service');
    await page.waitForURL(/groupBy=service/);
    await page.getByTestId('group-row').getByRole('button', { name: 'Login' }).click();
    await page.waitForURL(new RegExp(`serviceId=${serviceId}`));
    await page.screenshot({ path: '/tmp/analytics-1280.png', fullPage: true });

    await figures.getByTestId('figure').filter({ hasText: 'SLA compliance' }).click();
    await page.waitForURL(/breached=true/);
    const rows = page.getByTestId('analytics-incident');
    await rows.first().getByText('Acknowledged late by 5m').waitFor();
    expect(await rows.count()).toBe(1);

    await page.reload();
    await page.getByTestId('analytics-incident').first().waitFor();
    expect(await page.getByLabel('Breaches only').isChecked()).toBe(true);
    expect(await page.getByLabel('Group by').inputValue()).toBe('service');
    // The services arrive after the figures: the filter shows its choice once they do.
    await page.getByLabel('Service').locator('option', { hasText: 'Login' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Service').inputValue()).toBe(serviceId);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/analytics-390.png', fullPage: true });
  });

  it('shows the monthly report with its breaches and a CSV to download', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    const month = h.app.clock.now().toISOString().slice(0, 7);
    await page.goto(`/app/analytics/report?team=identity&month=${month}`);
    await page.getByTestId('report-breach').first().waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('OCTO Identity');
    expect(await page.getByTestId('report-compliance').textContent()).toBe('50.0%');
    expect(await page.getByTestId('report-breach').count()).toBe(1);
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    expect(csv.split('\r\n')[1]).toMatch(/^overall,All incidents,2,0,/);
    const pdfHref = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdfStart = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return `${response.headers.get('content-type')} ${(await response.text()).slice(0, 5)}`;
    }, pdfHref);
    expect(pdfStart).toBe('application/pdf %PDF-');
    // The month is the viewer's (their profile's zone, UTC here) until they choose another, kept in the URL.
    expect(await page.getByLabel('Time zone').inputValue()).toBe('UTC');
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.waitForURL(/tz=America%2FNew_York/);
    await page.getByText('in America/New_York.').waitFor();
    expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toContain(
      'tz=America%2FNew_York',
    );

    // Share it read-only: the link works without an account until it is revoked.
    await page.getByLabel('For whom').fill('Customer X');
    await page.getByLabel('Rolling last month').uncheck(); // this month: the incidents are this month's
    await page.getByRole('button', { name: 'Create link' }).click();
    const created = (await page.getByTestId('share-link-created').locator('code').textContent())!;
    expect(created).toMatch(/^http:\/\/127\.0\.0\.1\/shared\/analytics\/tsl_/); // the configured public URL
    const address = new URL(new URL(created).pathname, h.app.url).toString(); // this test server's address
    const shared = await fetch(address);
    expect(shared.status).toBe(200);
    expect(shared.headers.get('content-type')).toContain('text/html');
    const sharedPage = await h.newPage();
    await sharedPage.goto(address);
    expect(await sharedPage.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Customer X: /);
    await sharedPage.screenshot({ path: '/tmp/analytics-shared-1280.png', fullPage: true });
    await sharedPage.setViewportSize({ width: 390, height: 844 });
    expect(await sharedPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await sharedPage.screenshot({ path: '/tmp/analytics-shared-390.png', fullPage: true });
    await sharedPage.getByRole('link', { name: 'The same report as JSON' }).click();
    expect(await sharedPage.textContent('body')).toContain('"overall"');
    await sharedPage.close();
    await page.screenshot({ path: '/tmp/analytics-report-1280.png', fullPage: true });
    await page.getByTestId('share-link').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke now' }).click();
    await page.getByTestId('share-link').getByText('revoked').waitFor();
    expect((await fetch(address)).status).toBe(404);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/analytics-report-390.png', fullPage: true });
  });

  it('lets admins edit the SLA targets, with errors beside the fields, and shows them read-only to others', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    await page.goto('/app/analytics');
    await page.getByRole('link', { name: 'SLA targets' }).click();
    await page.waitForURL('**/app/analytics/targets');
    const s2 = page.getByRole('form', { name: 'Severity S2' });
    expect(await s2.getByLabel('Acknowledge within: amount').inputValue()).toBe('15');
    expect(await s2.getByLabel('Resolve within: amount').inputValue()).toBe('8');
    expect(await s2.getByLabel('Resolve within: unit').inputValue()).toBe('hours');
    await page.screenshot({ path: '/tmp/analytics-targets-1280.png', fullPage: true });

    await s2.getByLabel('Acknowledge within: amount').fill('ten');
    await s2.getByLabel('Resolve within: amount').fill('0');
    await s2.getByRole('button', { name: 'Save S2' }).click();
    await s2.getByText('Give a number, or leave it empty for no target.').waitFor();
    await s2.getByText('At least 1 minute.').waitFor();
    expect(await s2.getByLabel('Acknowledge within: amount').getAttribute('aria-invalid')).toBe('true');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/analytics-targets-390.png', fullPage: true });

    await s2.getByLabel('Acknowledge within: amount').fill('10');
    await s2.getByLabel('Resolve within: amount').fill('2');
    await s2.getByLabel('Resolve within: counted in').selectOption('business');
    await s2.getByRole('button', { name: 'Save S2' }).click();
    await s2.getByText('Saved.').waitFor();
    expect(await s2.locator('.field-error').count()).toBe(0);
    const targets = await api<{ items: Array<Record<string, unknown>> }>('GET', '/api/v1/analytics/sla-targets');
    expect(targets.items.find((t) => t.key === 'S2')).toMatchObject({
      ackMinutes: 10,
      ackBusinessHours: false,
      resolveMinutes: 120,
      resolveBusinessHours: true,
    });

    const viewer = await h.app.createUserWithToken('viewer');
    const other = await h.newPage();
    other.setDefaultTimeout(15_000);
    await signIn(other, viewer.email);
    await other.goto('/app/analytics/targets');
    const s2Read = other.getByRole('form', { name: 'Severity S2' });
    expect(await s2Read.getByLabel('Acknowledge within: amount').inputValue()).toBe('10');
    expect(await s2Read.getByLabel('Acknowledge within: amount').isDisabled()).toBe(true);
    expect(await s2Read.getByRole('button').count()).toBe(0);
  });
});

/**
 * The overview counts months in the viewer's zone, as the monthly report
 * does: an incident at 23:30 UTC on 31 December is January's in Paris.
 */
describe("Analytics months in the viewer's time zone", () => {
  let h: Harness;
  let viewer: { id: string; email: string; token: string };

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    const api = apiAs(h.app, admin.token);
    viewer = await h.app.createUserWithToken('responder');
    await api('PATCH', `/api/v1/users/${viewer.id}`, { timeZone: 'Europe/Paris' });
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Edge primary',
      levels: [{ delayMinutes: 30, targets: [{ type: 'user', id: admin.id }] }],
    });
    await api('POST', '/api/v1/services', { slug: 'edge', name: 'Edge', escalationPolicyId: policy.id });
    h.app.clock.set('2026-12-31T23:30:00Z'); // 00:30 on 1 January in Paris
    await api('POST', '/api/v1/incidents', { serviceId: 'edge', title: 'New year outage', urgency: 'high' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("puts an incident near a month boundary in the viewer's month, and in UTC's when asked", async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, viewer.email);
    /** The Incidents figure, or 0 when the page says there were none. */
    const count = async (query: string) => {
      await page.goto(`/app/analytics?${query}`);
      const incidents = page.getByRole('region', { name: 'Figures' }).getByTestId('figure').first();
      const none = page.getByText('No incidents in this period');
      await incidents.or(none).waitFor();
      expect(await page.getByText('Loading figures').count()).toBe(0);
      if (await none.isVisible()) return '0';
      return (await incidents.locator('.figure-value').textContent())?.trim();
    };
    expect(await count('from=2027-01&to=2027-01')).toBe('1');
    expect(await page.getByLabel('Months in').inputValue()).toBe('Europe/Paris');
    expect(await count('from=2026-12&to=2026-12')).toBe('0');
    expect(await count('from=2027-01&to=2027-01&tz=UTC')).toBe('0');
    expect(await count('from=2026-12&to=2026-12&tz=UTC')).toBe('1');
    // The link to the monthly report keeps the zone.
    expect(await page.getByRole('link', { name: 'Monthly report' }).getAttribute('href')).toContain('tz=UTC');
  });

  it("opens on today's UTC month and the two before it, whatever the browser's zone and the viewer's", async () => {
    // 23:30 UTC on 31 December: already 1 January in the browser (Auckland) and in the viewer's zone (Paris).
    const context = await h.browser.newContext({
      timezoneId: 'Pacific/Auckland',
      viewport: { width: 1280, height: 860 },
      baseURL: h.app.url,
    });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.clock.setFixedTime(new Date('2026-12-31T23:30:00Z'));
      await signIn(page, viewer.email);
      await page.goto('/app/analytics');
      await page.getByRole('region', { name: 'Figures' }).or(page.getByText('No incidents in this period')).waitFor();
      expect(await page.evaluate(() => `${new Date().getFullYear()}-${new Date().getMonth() + 1}`)).toBe('2027-1');
      expect(await page.getByLabel('From month').inputValue()).toBe('2026-10');
      expect(await page.getByLabel('To month').inputValue()).toBe('2026-12');
      expect(page.url()).not.toContain('from='); // the defaults, not written into the address
      // The monthly report opens on the UTC month before.
      await page.goto('/app/analytics/report');
      expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe('2026-11');
    } finally {
      await context.close();
    }
  });
});
