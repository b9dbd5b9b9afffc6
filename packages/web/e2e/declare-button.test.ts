/**
 * "Declare incident" is one click from anywhere (issue 11): the shell's top
 * bar shows it on every screen, on a desktop and on a phone, and it opens the
 * declare form. People who cannot declare get "Report a problem" there
 * instead, and their report pages the engineer on call.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

const SCREENS = ['/app/incidents', '/app/services', '/app/schedules', '/app/settings/profile', '/app/teams'];
const WIDTHS = [
  { width: 1280, height: 860 },
  { width: 390, height: 844 },
];

describe('The declare button in the shell', () => {
  let h: Harness;
  let api: ApiCall;
  let admin: { id: string; token: string };
  let responder: { email: string };
  let viewer: { id: string; email: string };
  let incidentId: string;

  /** The link in the top bar, visible without opening the menu. */
  async function topBarLink(page: Page, name: string) {
    const link = page.getByRole('banner').getByRole('link', { name, exact: true });
    await link.waitFor();
    expect(await link.isVisible()).toBe(true);
    return link;
  }

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    const onCall = await h.app.createUserWithToken('responder');
    responder = await h.app.createUserWithToken('responder');
    viewer = await h.app.createUserWithToken('viewer');
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Search primary',
      levels: [{ delayMinutes: 15, targets: [{ type: 'user', id: onCall.id }] }],
    });
    const service = await api<{ id: string }>('POST', '/api/v1/services', {
      slug: 'search',
      name: 'Search',
      escalationPolicyId: policy.id,
    });
    incidentId = (await api<{ id: string }>('POST', '/api/v1/incidents', { serviceId: service.id, title: 'Slow' })).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  for (const size of WIDTHS) {
    it(`is on every screen at ${size.width} px and opens the declare form`, async () => {
      const page = await h.newPage();
      page.setDefaultTimeout(10_000);
      await page.setViewportSize(size);
      await signIn(page, responder.email);
      for (const screen of [...SCREENS, `/app/incidents/${incidentId}`]) {
        await page.goto(screen);
        await topBarLink(page, 'Declare incident');
      }
      await (await topBarLink(page, 'Declare incident')).click();
      await page.getByRole('heading', { name: 'Declare an incident' }).waitFor();
      await page.getByRole('form', { name: 'Declare an incident' }).waitFor();
    });
  }

  it('offers "Report a problem" to a viewer, whose report pages the engineer on call', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, viewer.email);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Declare incident' }).count()).toBe(0);
    await (await topBarLink(page, 'Report a problem')).click();
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Search' });
    await page.getByLabel('What is wrong', { exact: true }).fill('Search returns nothing for "invoice"');
    await page.getByRole('button', { name: 'Report and page on call' }).click();
    await page.waitForURL(/\/app\/incidents\/[0-9a-f-]{36}$/);
    const reported = page.url().split('/').pop()!;
    const response = await api<{ origin: string; stakeholders: Array<{ user: { id: string }; reason: string }> }>(
      'GET',
      `/api/v1/incidents/${reported}/response`,
    );
    expect(response.origin).toBe('reported');
    expect(response.stakeholders).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: viewer.id }), reason: 'reporter' }),
    ]);
  });
});
