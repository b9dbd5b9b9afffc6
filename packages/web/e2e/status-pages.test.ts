/**
 * Status pages in a real browser (issue #13): the CMOC publishes a page
 * incident from an internal incident's page; the public page shows it with
 * JavaScript disabled (it needs none); the CMOC resolves it and the public
 * page is operational again. The admin screen shows components with seed
 * 004's definitions where a status is chosen, and a preview.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkoutService, openIncidentAs, signIn, startHarness, type Harness } from './support/harness.js';

describe('Status pages', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let ada: { id: string; email: string; token: string };
  let incident: { id: string; number: number };

  /** The public page in a browser with JavaScript off, as a customer with a locked-down browser reads it. */
  async function publicPage(width = 1280): Promise<Page> {
    const context = await h.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width, height: 900 },
      baseURL: h.app.url,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const response = await page.goto('/status/acme/');
    expect(response?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    ada = await h.app.createUserWithToken('responder');
    const asAdmin = apiAs(h.app, admin.token);
    const service = await checkoutService(asAdmin, ada.id);
    await asAdmin('POST', '/api/v1/status-pages', { slug: 'acme', name: 'Acme' });
    await asAdmin('POST', '/api/v1/status-pages/acme/components', { name: 'Checkout API', service: 'checkout' });
    await asAdmin('POST', '/api/v1/status-pages/acme/components', { name: 'Website' });
    incident = await apiAs(h.app, ada.token)('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Checkout failing',
      severity: 'S1',
      page: 'none',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('publishes a page incident from the incident, shows it without JavaScript, and resolves it', async () => {
    const page = await openIncidentAs(h, ada.email, incident.id, 'Status page');
    const region = page.getByRole('region', { name: 'Status page' });
    await region.getByText('Publish to a status page').click();
    const form = region.getByRole('form', { name: 'Publish to a status page' });
    expect(await form.getByLabel('Title for the public').inputValue()).toBe('Checkout failing');
    await form.getByLabel('Checkout API').check();
    await form.getByLabel('Their status').selectOption('service_disruption');
    await form.getByText('This is an outage. The IMOC must be engaged.').waitFor();
    await form.getByLabel('Message for the public').fill('Payments fail for **some** customers. We are on it.');
    await form.getByRole('button', { name: 'Publish' }).click();
    await region.getByText('Affects Checkout API').waitFor();
    await region.getByText('Payments fail for **some** customers. We are on it.').waitFor();
    await region.screenshot({ path: '/tmp/statuspage-incident-1280.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await region.screenshot({ path: '/tmp/statuspage-incident-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);

    const outside = await publicPage();
    await outside.getByRole('heading', { name: 'Checkout failing' }).waitFor();
    await outside.getByRole('status').getByText('Service Disruption').waitFor();
    expect(await outside.locator('main li', { hasText: 'Checkout API' }).innerText()).toContain('Service Disruption');
    expect(await outside.locator('strong', { hasText: 'some' }).count()).toBe(1);
    expect(await outside.locator('script').count()).toBe(0);
    await outside.screenshot({ path: '/tmp/statuspage-public-1280.png', fullPage: true });
    const phone = await publicPage(390);
    await phone.screenshot({ path: '/tmp/statuspage-public-390.png', fullPage: true });
    const overflow = await phone
      .locator('body')
      .evaluate((body) => body.scrollWidth > 390)
      .catch(() => false);
    expect(overflow).toBe(false);

    await region.getByText('Post an update').click();
    const update = region.getByRole('form', { name: 'Update Checkout failing' });
    await update.getByLabel(/^Resolved/).check();
    await update.getByLabel('Message for the public').fill('Fixed: a bad deploy was rolled back.');
    await update.getByRole('button', { name: 'Post page update' }).click();
    await region.locator('li', { hasText: 'Fixed: a bad deploy was rolled back.' }).first().waitFor();
    await region.locator('.badge', { hasText: 'Resolved' }).waitFor();

    await outside.reload();
    await outside.getByRole('status').getByText('All Systems Operational').waitFor();
    const past = outside.getByRole('region', { name: 'Past incidents' });
    await past.getByRole('heading', { name: 'Checkout failing' }).waitFor();
    await past.getByText('Fixed: a bad deploy was rolled back.').waitFor();
  });

  it('shows components with the seed definitions where a status is chosen, and a preview', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, admin.email);
    await page.goto('/app/status-pages');
    await page.getByRole('link', { name: 'Acme', exact: true }).click();
    const components = page.getByRole('region', { name: 'Components' });
    await components.getByText('Website', { exact: true }).waitFor();
    await components.getByText('Change status').last().click();
    const form = components.getByRole('form', { name: 'Status of Website' });
    await form.getByText('Users are impacted intermittently').waitFor();
    await form.getByText('A security vulnerability has been declared public').waitFor();
    await form.getByLabel(/^Degraded Performance/).check();
    await form.getByRole('button', { name: 'Set status' }).click();
    await components.locator('.component-status', { hasText: 'Degraded Performance' }).waitFor();
    const preview = page.frameLocator('iframe[title="Preview of Acme"]');
    await preview.getByText('Degraded Performance').first().waitFor();
    await page.screenshot({ path: '/tmp/statuspage-admin-1280.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/statuspage-admin-390.png', fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });
});
