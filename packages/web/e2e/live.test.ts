/**
 * The live web UI in a real browser (issue #12): two people in two browser
 * contexts. What one saves, the other sees without reloading: a summary
 * edit on the incident page, a note on the timeline, a new incident on the
 * list; and one who was editing is told of the other's save, and their
 * stale save shows the conflict to merge.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  checkoutService,
  openIncidentAs,
  signIn,
  startHarness,
  type ApiCall,
  type Harness,
} from './support/harness.js';

/** Marks the document so a reload (which would clear the mark) is caught. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { liveMark: number }).liveMark = 42));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { liveMark?: number }).liveMark === 42);

describe('Live screens', () => {
  let h: Harness;
  let asAda: ApiCall;
  let ada: { id: string; email: string; token: string };
  let ben: { id: string; email: string; token: string };
  let service: { id: string };
  let incident: { id: string; number: number };

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    ada = await h.app.createUserWithToken('responder');
    ben = await h.app.createUserWithToken('responder');
    asAda = apiAs(h.app, ada.token);
    service = await checkoutService(apiAs(h.app, admin.token), ada.id);
    incident = await asAda('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Checkout slow',
      severity: 'S2',
      page: 'none',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it("shows one person's summary save to the other without a reload, and a stale save's conflict", async () => {
    const pageA = await openIncidentAs(h, ada.email, incident.id, 'Document');
    const pageB = await openIncidentAs(h, ben.email, incident.id, 'Document');
    await pageB.getByTestId('live-status').getByText('Live').waitFor();
    await markPage(pageB);
    const summaryOf = (page: Page) => page.getByTestId('section-summary');

    // Ada saves; Ben, only reading, sees her text arrive.
    await summaryOf(pageA).getByRole('button', { name: 'Edit summary' }).click();
    await summaryOf(pageA).getByRole('textbox', { name: 'Summary' }).fill('Checkout takes 20 s');
    await summaryOf(pageA).getByRole('button', { name: 'Save' }).click();
    await summaryOf(pageB).getByText('Checkout takes 20 s').waitFor();
    await summaryOf(pageB).getByText('Version 1 by').waitFor();
    expect(await stillSamePage(pageB)).toBe(true);

    // Ben starts editing from version 1; Ada saves again meanwhile: Ben is told at once.
    await summaryOf(pageB).getByRole('button', { name: 'Edit summary' }).click();
    await summaryOf(pageB).getByRole('textbox', { name: 'Summary' }).fill('Payments fail for some cards');
    await summaryOf(pageA).getByRole('button', { name: 'Edit summary' }).click();
    await summaryOf(pageA).getByRole('textbox', { name: 'Summary' }).fill('Checkout takes 20 s in the EU');
    await summaryOf(pageA).getByRole('button', { name: 'Save' }).click();
    await summaryOf(pageB).getByTestId('saved-meanwhile').waitFor();
    // His draft is untouched by the reload.
    expect(await summaryOf(pageB).getByRole('textbox', { name: 'Summary' }).inputValue()).toBe(
      'Payments fail for some cards',
    );
    await summaryOf(pageB).screenshot({ path: '/tmp/live-saved-meanwhile-1280.png' });

    // His save is stale: refused, with Ada's text to merge.
    await summaryOf(pageB).getByRole('button', { name: 'Save' }).click();
    const conflict = summaryOf(pageB).getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.getByLabel('Their text').textContent()).toBe('Checkout takes 20 s in the EU');
    expect(await stillSamePage(pageB)).toBe(true);
  });

  it('shows a note on the timeline and a new incident on the list without a reload', async () => {
    const page = await openIncidentAs(h, ben.email, incident.id, 'Document');
    await page.getByTestId('live-status').getByText('Live').waitFor();
    await markPage(page);
    await asAda('POST', `/api/v1/incidents/${incident.id}/notes`, { text: 'Rolled back the payment gateway' });
    await page.getByText('Rolled back the payment gateway').waitFor();
    expect(await stillSamePage(page)).toBe(true);

    const list = await h.newPage();
    list.setDefaultTimeout(10_000);
    await signIn(list, ben.email);
    await list.goto('/app/incidents');
    await list.getByTestId('live-status').getByText('Live').waitFor();
    await markPage(list);
    await asAda('POST', '/api/v1/incidents', {
      serviceId: service.id,
      title: 'Search returns nothing',
      severity: 'S3',
      page: 'none',
    });
    await list.getByRole('link', { name: /Search returns nothing/ }).waitFor();
    expect(await stillSamePage(list)).toBe(true);
    await list.screenshot({ path: '/tmp/live-list-1280.png' });
    await list.setViewportSize({ width: 390, height: 844 });
    await list.screenshot({ path: '/tmp/live-list-390.png', fullPage: true });
  });
});
