/**
 * Status updates in a real browser (issue #12): the incident page shows when
 * the next update is due; a responder starts from a stage's template (filled
 * with the incident's title, severity and service), which also offers to
 * move the stage, posts it, and sees it listed; a viewer sees the updates
 * without the composer.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, checkoutService, openIncidentAs, startHarness, type Harness } from './support/harness.js';

describe('Status updates', () => {
  let h: Harness;
  let ada: { id: string; email: string; token: string };
  let vic: { id: string; email: string; token: string };
  let incident: { id: string; number: number };

  const openAs = (email: string): Promise<Page> => openIncidentAs(h, email, incident.id, 'Status updates');

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    const asAdmin = apiAs(h.app, admin.token);
    ada = await h.app.createUserWithToken('responder');
    vic = await h.app.createUserWithToken('viewer');
    const service = await checkoutService(asAdmin, ada.id);
    incident = await apiAs(h.app, ada.token)('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Checkout slow',
      severity: 'S2',
      page: 'none',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the next due time, posts from a template moving the stage, and lists the update', async () => {
    const page = await openAs(ada.email);
    const region = page.getByRole('region', { name: 'Status updates' });
    await region.getByTestId('next-update-due').getByText('Next status update due at').waitFor();
    await region.getByRole('button', { name: 'Identified' }).click();
    const message = region.getByRole('textbox', { name: 'Update' });
    await expect
      .poll(() => message.inputValue())
      .toBe('We have identified the cause of Checkout slow affecting Checkout and are working on a fix.');
    expect(await region.getByRole('combobox', { name: 'Move the stage to' }).inputValue()).toBe('identified');
    await message.fill('We have identified the cause of Checkout slow: a bad deploy. Rolling back.');
    await region.getByRole('button', { name: 'Post update' }).click();
    await region.getByText('a bad deploy. Rolling back.').waitFor();
    await region.getByText('to stakeholders').waitFor();
    expect(await message.inputValue()).toBe('');

    await region.screenshot({ path: '/tmp/updates-1280.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await region.screenshot({ path: '/tmp/updates-390.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });

  it('a viewer sees the updates but no composer', async () => {
    const page = await openAs(vic.email);
    const region = page.getByRole('region', { name: 'Status updates' });
    await region.getByText('a bad deploy. Rolling back.').waitFor();
    expect(await region.getByRole('button', { name: 'Post update' }).count()).toBe(0);
  });
});
