/**
 * Scheduled maintenance in a real browser (issue #13): a responder announces
 * one on the page's admin screen; the public page, read with JavaScript
 * disabled, shows it as scheduled; the server's fake clock reaches its start
 * and the engine starts it, so the public page shows it in progress and its
 * component Under Maintenance; the clock reaches its end and it completes by
 * itself, the component back to Operational.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiAs, signIn, startHarness, type Harness } from './support/harness.js';

const MINUTE = 60_000;

/** A datetime-local value (minutes, no zone) for an instant, as read in UTC (the contexts' time zone). */
const localUtc = (instant: Date) => instant.toISOString().slice(0, 16);

describe('Status page maintenance', () => {
  let h: Harness;
  let cmoc: { id: string; email: string; token: string };

  /** The public page in a browser with JavaScript off. */
  async function publicPage(width = 1280): Promise<Page> {
    const context = await h.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width, height: 900 },
      baseURL: h.app.url,
      timezoneId: 'UTC',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    expect((await page.goto('/status/ops/'))?.status()).toBe(200);
    return page;
  }

  /** Reloads until `target` shows: the page is rendered again after the change's NOTIFY, not in the same request. */
  async function reloadUntil(page: Page, target: (page: Page) => Locator): Promise<void> {
    await vi.waitFor(
      async () => {
        if ((await target(page).count()) > 0) return;
        await page.reload();
        throw new Error('not rendered again yet');
      },
      { timeout: 30_000, interval: 100 },
    );
  }

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    cmoc = await h.app.createUserWithToken('responder');
    const asAdmin = apiAs(h.app, admin.token);
    await asAdmin('POST', '/api/v1/status-pages', { slug: 'ops', name: 'Ops Cloud', timeZone: 'UTC' });
    await asAdmin('POST', '/api/v1/status-pages/ops/components', { name: 'Database' });
    await asAdmin('POST', '/api/v1/status-pages/ops/components', { name: 'Website' });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is announced, started and completed by the clock, and read without JavaScript meanwhile', async () => {
    const start = new Date(Math.ceil((h.app.clock.now().getTime() + 60 * MINUTE) / MINUTE) * MINUTE);
    const end = new Date(start.getTime() + 60 * MINUTE);

    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 860 },
      baseURL: h.app.url,
      timezoneId: 'UTC',
    });
    const admin = await context.newPage();
    admin.setDefaultTimeout(10_000);
    await signIn(admin, cmoc.email);
    await admin.goto('/app/status-pages');
    await admin.getByRole('link', { name: 'Ops Cloud', exact: true }).click();
    const form = admin.getByRole('form', { name: 'Schedule maintenance' });
    await form.getByLabel('Title').fill('Database upgrade');
    await form.getByLabel('Announcement (Markdown)').fill('We upgrade the **database**; writes pause briefly.');
    await form.getByLabel('Starts (your local time)').fill(localUtc(start));
    await form.getByLabel('Ends').fill(localUtc(end));
    await form.getByLabel('Database').check();
    await form.getByRole('button', { name: 'Schedule maintenance' }).click();
    const scheduled = admin.locator('li.panel', { hasText: 'Database upgrade' });
    await scheduled.locator('.badge', { hasText: 'Scheduled' }).waitFor();

    // Announced: the public page says when, and nothing is under maintenance yet.
    const outside = await publicPage();
    const upcoming = outside.getByRole('region', { name: 'Scheduled maintenance' });
    await upcoming.getByRole('heading', { name: 'Database upgrade' }).waitFor();
    expect(await upcoming.locator('strong', { hasText: 'database' }).count()).toBe(1);
    expect(await upcoming.locator('time').first().getAttribute('datetime')).toBe(start.toISOString());
    await outside.getByRole('status').getByText('All Systems Operational').waitFor();
    expect(await outside.locator('script').count()).toBe(0);

    // The server's clock reaches the window: the engine starts the maintenance by itself.
    h.app.clock.set(start);
    await h.app.app.engine.runDue();
    await reloadUntil(outside, (p) => p.getByRole('region', { name: 'Maintenance in progress' }));
    const active = outside.getByRole('region', { name: 'Maintenance in progress' });
    await active.getByRole('heading', { name: 'Database upgrade' }).waitFor();
    expect(await outside.locator('main li', { hasText: 'Database' }).first().innerText()).toContain(
      'Under Maintenance',
    );
    expect(await outside.locator('main li', { hasText: 'Website' }).first().innerText()).toContain('Operational');
    await outside.getByRole('status').getByText('Under Maintenance').waitFor();
    expect(await outside.getByRole('region', { name: 'Scheduled maintenance' }).count()).toBe(0);
    await outside.screenshot({ path: '/tmp/sp-maintenance-public-1280.png', fullPage: true });
    const phone = await publicPage(390);
    await phone.getByRole('region', { name: 'Maintenance in progress' }).waitFor();
    await phone.screenshot({ path: '/tmp/sp-maintenance-public-390.png', fullPage: true });
    expect(await phone.locator('body').evaluate((body) => body.scrollWidth)).toBeLessThanOrEqual(390);
    await admin.reload();
    await admin
      .locator('li.panel', { hasText: 'Database upgrade' })
      .locator('.badge', { hasText: 'In progress' })
      .waitFor();

    // The window ends: completed by itself, the component back to what it was.
    h.app.clock.set(end);
    await h.app.app.engine.runDue();
    await reloadUntil(outside, (p) => p.getByRole('status').getByText('All Systems Operational'));
    expect(await outside.getByRole('region', { name: 'Maintenance in progress' }).count()).toBe(0);
    expect(await outside.locator('main li', { hasText: 'Database' }).first().innerText()).toContain('Operational');
    await admin.reload();
    const done = admin.locator('li.panel', { hasText: 'Database upgrade' });
    await done.locator('.badge', { hasText: 'Completed' }).waitFor();
    await done.getByText('The scheduled maintenance has been completed.').waitFor();
  });
});
