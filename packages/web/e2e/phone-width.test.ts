/**
 * Phone width: every main screen at 390 px fits its viewport (no sideways
 * scrolling of the whole page), with the incident list's Acknowledge and
 * Resolve in reach. Each screen is also shot at 390 and 1280 px into
 * /tmp/tocsin-shots for a person to look at. A page made deliberately too
 * wide proves the check fails when something overflows.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

const SHOTS_DIR = '/tmp/tocsin-shots';
const PHONE = { width: 390, height: 844 };

/** How much wider than the viewport the document is, and the widest elements that stick out (for the failure message). */
async function overflowOf(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - viewport;
    const culprits: string[] = [];
    if (excess > 0) {
      for (const element of Array.from(document.querySelectorAll('body *'))) {
        const box = element.getBoundingClientRect();
        // Inside a box that scrolls or clips sideways it is that box's business, not the page's.
        let clipped = false;
        for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflowX !== 'visible') clipped = true;
        }
        if (!clipped && box.right > viewport + 1 && box.width > 0) {
          const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${
            typeof element.className === 'string' && element.className
              ? `.${element.className.split(' ').join('.')}`
              : ''
          }`;
          culprits.push(`${name} (right edge ${Math.round(box.right)} px)`);
        }
      }
    }
    return { excess, culprits: culprits.slice(0, 8) };
  });
}

describe('Every main screen at 390 px', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let api: ApiCall;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    const responder = await h.app.createUserWithToken('responder');
    const { schedule } = await api<{ schedule: { id: string } }>('POST', '/api/v1/schedules', {
      name: 'Payments primary on-call rotation',
      timeZone: 'Europe/Amsterdam',
      layers: [
        {
          name: 'Weekly',
          participants: [admin.id, responder.id],
          shift: { length: 1, unit: 'weeks' },
          handoffTime: '09:00',
          // Started three days ago: the admin (first) is on call now, so the home page says so.
          startDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
        },
      ],
    });
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Payments primary escalation',
      levels: [
        { delayMinutes: 15, targets: [{ type: 'schedule', id: schedule.id }] },
        { delayMinutes: 30, targets: [{ type: 'user', id: responder.id }] },
      ],
    });
    const service = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'payments-api-gateway',
      name: 'Payments API gateway',
      escalationPolicyId: policy.id,
    });
    const { routingKey } = await api<{ routingKey: string }>(
      'POST',
      `/api/v1/services/${service.id}/integration-keys`,
      { type: 'events_v2' },
    );
    const enqueued = await h.app.request('POST', '/v2/enqueue', {
      body: {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: 'checkout-latency-p99-above-threshold-eu-west-1',
        payload: {
          summary: 'Checkout latency p99 above 2s on payments-api-gateway-eu-west-1-production-cluster',
          source: 'payments-api-gateway-eu-west-1-production-cluster.internal.example.com',
          severity: 'critical',
          custom_details: {
            region: 'eu-west-1',
            p99_ms: 2450,
            runbook: 'https://runbooks.example.com/payments/latency',
          },
        },
        links: [{ href: 'https://app.datadoghq.com/monitors/123456789?from_ts=1700000000000', text: 'Monitor' }],
      },
    });
    expect(enqueued.status).toBe(202);
    // The harness runs no engine loop: process the accepted event by hand.
    await h.app.app.engine.runDue();
    const alerts = await api<{ items: Array<{ id: string; incidentId: string | null }> }>('GET', '/api/v1/alerts');
    const alert = alerts.items[0]!;
    const declared = await api<{ id: string }>('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Supercalifragilisticexpialidocious-long-identifier-without-spaces in the title',
    });
    // A listed share link on the report once widened it past 390 px (an absolutely positioned hidden heading).
    await api('POST', '/api/v1/analytics/share-links', {
      name: 'Customer X, monthly SLA',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    Object.assign(paths, {
      incidents: '/app/incidents',
      incident: `/app/incidents/${alert.incidentId ?? declared.id}`,
      declared: `/app/incidents/${declared.id}`,
      alerts: '/app/alerts',
      alert: `/app/alerts/${alert.id}`,
      services: '/app/services',
      service: `/app/services/${service.id}`,
      'escalation policies': '/app/escalation-policies',
      schedules: '/app/schedules',
      schedule: `/app/schedules/${schedule.id}`,
      'schedule month': `/app/schedules/${schedule.id}?view=month`,
      'schedule week': `/app/schedules/${schedule.id}?view=week`,
      'my on-call shifts': '/app/oncall',
      notifications: '/app/settings/notifications',
      users: '/app/users',
      analytics: '/app/analytics',
      'analytics report': '/app/analytics/report',
      'analytics targets': '/app/analytics/targets',
      'analytics emailed reports': '/app/analytics/emailed-reports',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function phonePage(): Promise<Page> {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize(PHONE);
    await signIn(page, admin.email);
    return page;
  }

  /** Opens a screen and waits for its heading, for nothing to be loading any more and for its late parts. */
  async function open(page: Page, path: string): Promise<void> {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('main [aria-busy="true"], main .loading'));
    // The incidents home's "You are on call …" line loads on its own: its width counts too.
    if (path === paths.incidents) await page.getByTestId('next-shift-banner').getByText('You are on call').waitFor();
  }

  // Every main screen, each opened and shot twice on a shared, loaded machine: more than the default 30 s.
  it('fits every main screen in 390 px, and shows each at 390 and 1280 px', { timeout: 120_000 }, async () => {
    const page = await phonePage();
    const failures: string[] = [];
    for (const [name, path] of Object.entries(paths)) {
      await page.setViewportSize(PHONE);
      await open(page, path);
      const { excess, culprits } = await overflowOf(page);
      if (excess > 0) failures.push(`${name} (${path}) is ${excess} px too wide: ${culprits.join(', ')}`);
      const file = name.replace(/ /g, '-');
      await page.screenshot({ path: `${SHOTS_DIR}/${file}-390.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.screenshot({ path: `${SHOTS_DIR}/${file}-1280.png`, fullPage: true });
    }
    expect(failures).toEqual([]);
  });

  it('fails the check on a screen with something wider than the phone', async () => {
    const page = await phonePage();
    await open(page, paths.incidents!);
    expect((await overflowOf(page)).excess).toBe(0);
    await page.evaluate(() => {
      const wide = document.createElement('div');
      wide.className = 'deliberately-wide';
      wide.style.width = '600px';
      wide.textContent = 'too wide';
      document.querySelector('main')!.append(wide);
    });
    const { excess, culprits } = await overflowOf(page);
    expect(excess).toBeGreaterThan(0);
    expect(culprits.join(' ')).toContain('div.deliberately-wide');
  });

  it("keeps an incident's Acknowledge and Resolve within the phone's width on the list", async () => {
    const page = await phonePage();
    await open(page, paths.incidents!);
    const card = page.getByTestId('incident-row').first();
    for (const name of [/^Acknowledge #/, /^Resolve #/]) {
      const button = card.getByRole('button', { name });
      const box = (await button.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      // Big enough for a thumb.
      expect(box.height).toBeGreaterThanOrEqual(32);
    }
    // On a desktop the list fits its panel: the actions are not behind a sideways scroll.
    await page.setViewportSize({ width: 1280, height: 860 });
    const table = page.locator('table.incident-table');
    const widths = await table.evaluate((element) => [
      element.parentElement!.scrollWidth,
      element.parentElement!.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    const resolve = (await card.getByRole('button', { name: /^Resolve #/ }).boundingBox())!;
    expect(resolve.x + resolve.width).toBeLessThanOrEqual(1280);
  });

  it('folds the incident filters behind a button saying what is set, so the first incident is on the first screen', async () => {
    const page = await phonePage();
    await open(page, paths.incidents!);
    const form = page.getByRole('form', { name: 'Filter incidents' });
    const toggle = page.getByRole('button', { name: /^Filters/ });
    expect(await form.isVisible()).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.textContent()).toContain('Triggered, Acknowledged');
    const acknowledge = (await page
      .getByTestId('incident-row')
      .first()
      .getByRole('button', { name: /^Acknowledge #/ })
      .boundingBox())!;
    expect(acknowledge.y + acknowledge.height).toBeLessThanOrEqual(PHONE.height);

    await toggle.click();
    await form.waitFor({ state: 'visible' });
    const hide = page.getByRole('button', { name: /^Hide filters/ });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await form.getByRole('checkbox', { name: 'Resolved' }).check();
    await form.getByRole('checkbox', { name: /^Mine/ }).check();
    await hide.click();
    await form.waitFor({ state: 'hidden' });
    const summary = await page.getByRole('button', { name: /^Filters/ }).textContent();
    expect(summary).toContain('Triggered, Acknowledged, Resolved');
    expect(summary).toContain('Mine');
    await page.screenshot({ path: `${SHOTS_DIR}/incidents-filters-folded-390.png` });

    // On a desktop the form is always shown, and the button is not.
    await page.setViewportSize({ width: 1280, height: 860 });
    await form.waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: /^Filters/ }).isVisible()).toBe(false);
  });

  it("closes the phone menu with Escape, and puts focus on the new page's heading after a navigation", async () => {
    const page = await phonePage();
    await open(page, paths.incidents!);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await menu.click();
    await nav.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((element) => element === document.activeElement)).toBe(true);

    await menu.click();
    await nav.getByRole('link', { name: 'Services' }).click();
    await page.waitForURL('**/app/services');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Services');
  });

  it(
    "puts an incident's summary, status and act buttons on a phone's first screen, folding the rest",
    { timeout: 120_000 },
    async () => {
      const serviceId = paths.service!.split('/').pop()!;
      const made = await api<{ id: string }>('POST', '/api/v1/incidents', {
        serviceId,
        title: 'Refunds failing in EU',
      });
      await api('POST', `/api/v1/incidents/${made.id}/declare`, { severity: 'S2' });
      const declared = `/app/incidents/${made.id}`;
      const page = await phonePage();
      const heights: number[] = [];
      for (const path of [paths.incident!, declared]) {
        await open(page, path);
        const buttons = page
          .getByRole('region', { name: 'Respond' })
          .locator('.form-actions')
          .first()
          .getByRole('button');
        expect(await buttons.count()).toBeGreaterThan(0);
        for (const button of await buttons.all()) {
          const box = (await button.boundingBox())!;
          expect(box.y + box.height, `${await button.textContent()} on ${path}`).toBeLessThanOrEqual(PHONE.height);
        }
        const status = (await page.getByTestId('incident-summary-status').boundingBox())!;
        expect(status.y).toBeLessThan(PHONE.height);
        heights.push(await page.evaluate(() => document.documentElement.scrollHeight));
      }
      // The secondary sections are folded on a phone (the page was about 8,500 px tall), open on a desktop.
      const folds = ['fold-privacy', 'fold-checklist', 'fold-document', 'fold-roles', 'fold-related', 'fold-alerts'];
      for (const fold of folds)
        expect(await page.getByTestId(fold).evaluate((e) => (e as HTMLDetailsElement).open), fold).toBe(false);
      await page.screenshot({ path: '/tmp/fp-shots/declared-folded-390.png', fullPage: true });
      console.log(`incident page heights at 390 px: ${heights.join(', ')} px`);
      expect(Math.max(...heights)).toBeLessThan(4000);
      await page.getByTestId('fold-roles').locator('summary').click();
      await page.getByRole('heading', { name: 'Roles', level: 2 }).waitFor();
      await page.setViewportSize({ width: 1280, height: 860 });
      await open(page, declared);
      await page.screenshot({ path: '/tmp/fp-shots/declared-open-1280.png', fullPage: true });
      for (const fold of folds)
        expect(await page.getByTestId(fold).evaluate((e) => (e as HTMLDetailsElement).open), fold).toBe(true);
    },
  );

  it('shows who an incident is assigned to, how long ago it triggered, a snooze, and notes as written', async () => {
    const page = await phonePage();
    await open(page, paths.incidents!);
    const incidentId = paths.incident!.split('/').pop()!;
    await api('POST', `/api/v1/incidents/${incidentId}/snooze`, { minutes: 30 });
    await page.reload();
    const card = page.getByTestId('incident-row').filter({ hasText: 'Checkout latency' });
    await card.getByTestId('incident-snoozed').waitFor();
    expect(await card.getByTestId('incident-status').textContent()).toBe('Acknowledged');
    expect(await card.getByTestId('incident-snoozed').textContent()).toMatch(/^Snoozed until \d+ \w+ \d{4}, \d\d:\d\d/);
    expect(await card.getByTestId('incident-assignees').textContent()).toMatch(/Test (admin|responder)/);
    expect(await card.getByTestId('incident-triggered').textContent()).toMatch(/^(just now|\d+ min ago)$/);

    // On the incident's timeline: the snooze's end in the reader's zone, not an ISO instant.
    await api('POST', `/api/v1/incidents/${incidentId}/notes`, {
      text: 'Rolled back the deploy.\nDashboard: https://grafana.example.com/d/payments?from=now-1h.',
    });
    await page.goto(paths.incident!);
    const snoozed = page.getByTestId('timeline-entry').filter({ hasText: 'Snoozed for 30 minutes' });
    const said = (await snoozed.locator('.timeline-message').textContent())!;
    expect(said).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(said).toMatch(/triggers again at \d+ \w+ \d{4}, \d\d:\d\d UTC unless resolved first/);
    // A note keeps its line break, and its link can be clicked.
    const note = page.getByTestId('timeline-entry').filter({ hasText: 'Rolled back the deploy.' });
    expect(await note.locator('.timeline-message').evaluate((element) => (element as HTMLElement).innerText)).toContain(
      'Rolled back the deploy.\nDashboard:',
    );
    expect(
      await note.getByRole('link', { name: 'https://grafana.example.com/d/payments?from=now-1h' }).getAttribute('href'),
    ).toBe('https://grafana.example.com/d/payments?from=now-1h');
  });
});
