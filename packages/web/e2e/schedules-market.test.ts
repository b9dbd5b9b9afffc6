/**
 * The schedule page's market and feeds in a real browser: a person offers a
 * window of their shift and another takes it (it becomes an override),
 * someone takes the pager now, and a calendar feed is shown once, works,
 * and stops working when revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, type Harness } from './support/harness.js';

describe('swaps, taking the pager and calendar feeds', () => {
  let h: Harness;
  let alice: { id: string; email: string; token: string; name: string };
  let bob: { id: string; email: string; token: string; name: string };
  let scheduleId: string;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    const a = await h.app.createUserWithToken('responder');
    const b = await h.app.createUserWithToken('responder');
    alice = { ...a, name: await nameOf(h.app, admin.token, a.id) };
    bob = { ...b, name: await nameOf(h.app, admin.token, b.id) };
    const layer = {
      name: 'Primary',
      participants: [a.id, b.id],
      shift: { length: 1, unit: 'weeks' },
      handoffTime: '00:00',
      startDate: new Date().toISOString().slice(0, 10),
    };
    const response = await h.app.request('POST', '/api/v1/schedules', {
      token: admin.token,
      body: { name: 'Storage', timeZone: 'UTC', layers: [layer] },
    });
    expect(response.status).toBe(201);
    scheduleId = ((await response.json()) as { schedule: { id: string } }).schedule.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets one person offer a window of their shift and another take it', async () => {
    const alicePage = await h.newPage();
    await signIn(alicePage, alice.email);
    await alicePage.goto(`/app/schedules/${scheduleId}`);
    const offerForm = alicePage.getByRole('form', { name: 'Offer my shift' });
    await offerForm.getByLabel('Note (optional)').fill('dentist');
    await offerForm.getByRole('button', { name: 'Offer my shift' }).click();
    const offer = alicePage.getByTestId('swap-item').filter({ hasText: 'dentist' });
    await offer.waitFor();
    expect(await offer.getByRole('button', { name: 'Withdraw my offer' }).isVisible()).toBe(true);

    const bobPage = await h.newPage();
    await signIn(bobPage, bob.email);
    await bobPage.goto(`/app/schedules/${scheduleId}`);
    const seen = bobPage.getByTestId('swap-item').filter({ hasText: 'dentist' });
    await seen.getByRole('button', { name: 'Take it' }).click();
    await bobPage.getByText('No open offers.').waitFor();
    await bobPage.getByTestId('override-row').filter({ hasText: bob.name }).waitFor();
  });

  it('takes the pager now for a few hours', async () => {
    const page = await h.newPage();
    await signIn(page, bob.email);
    await page.goto(`/app/schedules/${scheduleId}`);
    expect(await page.getByTestId('oncall-now').textContent()).toBe(alice.name);
    await page.getByLabel('Hours').fill('2');
    await page.getByRole('button', { name: 'Take the pager now' }).click();
    await page.getByTestId('oncall-now').getByText(bob.name, { exact: true }).waitFor();
  });

  it('shows a calendar feed address once, serves it, and revokes it', async () => {
    const page = await h.newPage();
    await signIn(page, alice.email);
    await page.goto(`/app/schedules/${scheduleId}`);
    await page.getByRole('button', { name: 'Create a feed of this schedule' }).click();
    const secret = page.getByTestId('calendar-secret');
    await secret.waitFor();
    const webcal = (await secret.locator('#calendar-url').textContent())?.trim() ?? '';
    expect(webcal).toMatch(/^webcal:\/\/.+\/api\/v1\/calendars\/tcal_\S+\.ics$/);
    expect(await secret.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    const feedPath = new URL(webcal.replace(/^webcal:/, 'http:')).pathname;
    const ics = await h.app.request('GET', feedPath);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');

    await page.reload();
    const feed = page.getByTestId('calendar-feed').filter({ hasText: 'Storage' });
    await feed.waitFor();
    expect(await page.getByTestId('calendar-secret').count()).toBe(0);
    await feed.getByRole('button', { name: 'Revoke the feed of Storage' }).click();
    await feed.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByTestId('calendar-feed').filter({ hasText: 'Storage' }).waitFor({ state: 'detached' });
    expect((await h.app.request('GET', feedPath)).status).toBe(404);
  });
});
