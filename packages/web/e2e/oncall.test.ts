/**
 * Who is on call, in a real browser: my on-call shifts (the one now or next
 * first, on my clock beside the schedule's) reached from the home page and
 * the phone menu; who each level of an escalation policy, and of a service
 * through its policy, would page now; a schedule paged by week and month
 * with the position kept in the address and times on the viewer's clock
 * beside the schedule's; "Edit layers" only for those who may edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, nameOf, signIn, startHarness, type ApiCall, type Harness } from './support/harness.js';

/** "December 2026": the month of a date on the schedule's clock (New York). */
const monthIn = (date: Date): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', month: 'long', year: 'numeric' }).format(date);

describe('who is on call', () => {
  let h: Harness;
  let api: ApiCall;
  let alice: { id: string; email: string; name: string; token: string };
  let bob: { id: string; email: string; name: string };
  let scheduleId: string;
  let serviceId: string;

  beforeAll(async () => {
    h = await startHarness();
    const admin = await h.app.createUserWithToken('admin');
    api = apiAs(h.app, admin.token);
    const a = await h.app.createUserWithToken('responder');
    const b = await h.app.createUserWithToken('responder');
    alice = { ...a, name: await nameOf(h.app, admin.token, a.id) };
    bob = { ...b, name: await nameOf(h.app, admin.token, b.id) };
    await api('PATCH', `/api/v1/users/${alice.id}`, { timeZone: 'Europe/Paris' });
    // A weekly rotation that started two days ago: Alice's week now, Bob's next.
    const { schedule } = await api<{ schedule: { id: string } }>('POST', '/api/v1/schedules', {
      name: 'Storefront primary',
      timeZone: 'America/New_York',
      layers: [
        {
          name: 'Weekly',
          participants: [alice.id, bob.id],
          shift: { length: 1, unit: 'weeks' },
          handoffTime: '00:00',
          startDate: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10),
        },
      ],
    });
    scheduleId = schedule.id;
    const policy = await api<{ id: string }>('POST', '/api/v1/escalation-policies', {
      name: 'Storefront escalation',
      levels: [
        { delayMinutes: 10, targets: [{ type: 'schedule', id: scheduleId }] },
        { delayMinutes: 20, targets: [{ type: 'user', id: bob.id }] },
      ],
    });
    serviceId = (
      await api<{ id: string }>('POST', '/api/v1/services', {
        slug: 'storefront',
        name: 'Storefront',
        escalationPolicyId: policy.id,
      })
    ).id;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows my shift now first, from the home page, on my clock beside the schedule’s', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(12_000);
    await signIn(page, alice.email);
    await page.goto('/app/incidents');
    const banner = page.getByTestId('next-shift-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^You are on call on Storefront primary until .+ My on-call shifts$/);
    await banner.getByRole('link', { name: 'My on-call shifts' }).click();
    await page.waitForURL('**/app/oncall');
    const next = page.getByTestId('next-shift');
    await next.getByRole('heading', { name: 'On call now' }).waitFor();
    expect(await next.textContent()).toContain('Storefront primary');
    expect(await next.textContent()).toMatch(/Then next: Storefront primary from/);
    const shifts = page.getByTestId('my-shift');
    await shifts.first().waitFor();
    // Weekly with two people: every other week, as many as the API says.
    const mineAs = apiAs(h.app, alice.token);
    const inFour = (await mineAs<{ shifts: unknown[] }>('GET', '/api/v1/oncall/mine')).shifts.length;
    const inEight = (await mineAs<{ shifts: unknown[] }>('GET', '/api/v1/oncall/mine?weeks=8')).shifts.length;
    expect(inFour).toBeGreaterThanOrEqual(2);
    expect(inEight).toBeGreaterThan(inFour);
    expect(await shifts.count()).toBe(inFour);
    expect(await shifts.first().textContent()).toContain('now');
    // On Alice's clock (Paris), with the schedule's (New York) beneath: 00:00 there is 06:00 here.
    expect(await shifts.nth(1).getByTestId('shift-time').textContent()).toMatch(/06:00 Europe\/Paris$/);
    expect(await shifts.nth(1).getByTestId('shift-other-time').textContent()).toMatch(
      /^schedule’s clock: .+ 00:00 – .+ 00:00 \(America\/New_York\)$/,
    );
    // How far ahead stays in the address.
    await page.getByRole('link', { name: '8 weeks' }).click();
    await page.waitForURL('**/app/oncall?weeks=8');
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="my-shift"]').length === count,
      inEight,
    );
  });

  it('shows Bob his next shift and the policy that pages him directly, reached from the phone menu', async () => {
    const page = await h.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, bob.email);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My on-call shifts' }).click();
    await page.waitForURL('**/app/oncall');
    const next = page.getByTestId('next-shift');
    await next.getByRole('heading', { name: 'Next shift' }).waitFor();
    expect(await next.textContent()).toMatch(/Storefront primary\s*from .+ to .+\(in \d+ (d|h)\)/);
    expect(await page.getByTestId('my-policies').textContent()).toContain('Storefront escalation: level 2');
  });

  it('shows who each level pages now on the escalation policies and on the service', async () => {
    const page = await h.newPage();
    await signIn(page, bob.email);
    await page.goto('/app/escalation-policies');
    const policy = page.getByTestId('policy').filter({ hasText: 'Storefront escalation' });
    const levels = policy.getByTestId('level-oncall');
    await levels.first().waitFor();
    expect(await levels.nth(0).textContent()).toMatch(
      new RegExp(`^Level 1: Schedule Storefront primary → ${alice.name} until .+$`),
    );
    expect(await levels.nth(1).textContent()).toBe(`Level 2: ${bob.name}`);

    await page.goto(`/app/services/${serviceId}`);
    const onService = page.getByTestId('levels-oncall').getByTestId('level-oncall');
    await onService.first().waitFor();
    expect(await onService.nth(0).textContent()).toContain(`Storefront primary → ${alice.name} until`);
    expect(await onService.nth(1).textContent()).toBe(`Level 2: ${bob.name}`);
    // The schedule's name leads to it.
    await page.getByTestId('levels-oncall').getByRole('link', { name: 'Storefront primary' }).click();
    await page.waitForURL(`**/app/schedules/${scheduleId}`);
  });

  it('pages a schedule by week and month, keeps the position in the address, and shows both clocks', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(12_000);
    await signIn(page, alice.email);
    await page.goto(`/app/schedules/${scheduleId}`);
    await page.getByRole('region', { name: 'Next 14 days' }).waitFor();
    // A responder who manages no team is not offered what the server would refuse; taking part, she may take the pager.
    await page.getByRole('form', { name: 'Take the pager' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit layers' }).count()).toBe(0);
    expect(await page.locator('.timeline .hint').textContent()).toContain(
      'Your clock is Europe/Paris: each bar gives both times.',
    );

    const label = page.getByTestId('range-label');
    await page.getByRole('link', { name: 'Month', exact: true }).click();
    await page.waitForURL(/view=month&date=\d{4}-\d\d-\d\d/);
    const thisMonth = monthIn(new Date());
    await page.getByRole('region', { name: thisMonth }).waitFor();
    expect(await label.textContent()).toBe(thisMonth);

    await page.getByRole('link', { name: 'Next month' }).click();
    await page.waitForURL(/date=\d{4}-\d\d-01/);
    const shown = new URL(page.url()).searchParams.get('date')!;
    const nextLabel = monthIn(new Date(`${shown}T12:00:00Z`));
    expect(nextLabel).not.toBe(thisMonth);
    await page.getByRole('region', { name: nextLabel }).waitFor();
    // The address keeps the position: a reload shows the same month.
    await page.reload();
    await page.getByRole('region', { name: nextLabel }).waitFor();
    expect(await label.textContent()).toBe(nextLabel);

    // Its shifts in words, on the schedule's clock and on Alice's.
    const inWords = page.getByTestId('shifts-in-range');
    await inWords.locator('summary').click();
    const first = inWords.getByTestId('shift').first();
    expect(await first.getByTestId('shift-time').textContent()).toMatch(/00:00 America\/New_York$/);
    expect(await first.getByTestId('shift-other-time').textContent()).toMatch(/^your time: .+\(Europe\/Paris\)$/);

    await page.getByRole('link', { name: 'Week', exact: true }).click();
    await page.waitForURL(/view=week/);
    // The address changes first; the label follows on the next render.
    await expect
      .poll(() => label.textContent())
      .toMatch(/^\d+ (\w+ )?– \d+ \w+ \d{4}$|^\d+ \w+ \d{4} – \d+ \w+ \d{4}$/);
    await page.getByRole('link', { name: 'Previous week' }).click();
    await page.getByRole('link', { name: 'Today' }).click();
    // Back on this week: nothing to go back to.
    await page.getByRole('link', { name: 'Today' }).waitFor({ state: 'detached' });
  });

  it('offers a viewer none of the changes: no pager, overrides, swaps or restore', async () => {
    const viewer = await h.app.createUserWithToken('viewer');
    // A second version, so an admin would be offered restoring the first.
    const current = await api<{ definition: { layers: Array<Record<string, unknown>> } }>(
      'GET',
      `/api/v1/schedules/${scheduleId}`,
    );
    await api('PATCH', `/api/v1/schedules/${scheduleId}`, {
      layers: current.definition.layers.map((layer) => ({ ...layer, name: 'Weekly rota' })),
    });
    const page = await h.newPage();
    await signIn(page, viewer.email);
    await page.goto(`/app/schedules/${scheduleId}`);
    await page
      .getByTestId('swap-market')
      .or(page.getByRole('heading', { name: 'Swap market' }))
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Version history' }).waitFor();
    for (const form of ['Take the pager', 'Add an override', 'Offer my shift'])
      expect(await page.getByRole('form', { name: form }).count(), form).toBe(0);
    expect(await page.getByRole('button', { name: /^Restore version/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit layers' }).count()).toBe(0);
  });

  it('offers Edit layers to a manager of the schedule’s team', async () => {
    const team = await api<{ id: string }>('POST', '/api/v1/teams', { slug: 'storefront', name: 'Storefront' });
    await api('PUT', `/api/v1/teams/${team.id}/members/${bob.id}`, { role: 'manager' });
    await api('PATCH', `/api/v1/schedules/${scheduleId}`, { teamId: team.id });
    const page = await h.newPage();
    await signIn(page, bob.email);
    await page.goto(`/app/schedules/${scheduleId}`);
    await page.getByRole('link', { name: 'Edit layers' }).waitFor();
  });
});
