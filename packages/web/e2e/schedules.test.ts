/**
 * Schedules in a real browser: an admin creates a two-person schedule and
 * sees the first person on call on the schedule page and the list; an
 * override for the other person covering now changes who is on call; an
 * edit shows in the version history, and restoring the first version makes
 * a new version restored from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, type Harness } from './support/harness.js';

function utcLocal(date: Date): string {
  return date.toISOString().slice(0, 16);
}

describe('on-call schedules', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let alice: { id: string; name: string };
  let bob: { id: string; name: string };

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    const a = await h.app.createUserWithToken('responder');
    const b = await h.app.createUserWithToken('responder');
    alice = { id: a.id, name: await nameOf(h.app, admin.token, a.id) };
    bob = { id: b.id, name: await nameOf(h.app, admin.token, b.id) };
  });

  afterAll(async () => {
    await h?.close();
  });

  it('creates a schedule, shows who is on call, overrides it, and restores a version', async () => {
    const page = await h.newPage();
    await signIn(page, admin.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
    await page.waitForURL('**/app/schedules');
    await page.getByText('No schedules yet').first().waitFor();
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.waitForURL('**/app/schedules/new');

    const form = page.getByRole('form', { name: 'Create a schedule' });
    await form.getByLabel('Schedule name').fill('Payments primary');
    await form.getByLabel('Time zone').fill('UTC');
    await form.getByLabel('Start date').fill(new Date().toISOString().slice(0, 10));
    await form.getByLabel('Hand-off time').fill('00:00');
    await form.getByLabel('Add a participant').selectOption(alice.id);
    await form.getByLabel('Add a participant').selectOption(bob.id);

    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`On call now: ${alice.name}`);
    expect(await preview.getByTestId('timeline-row').count()).toBeGreaterThanOrEqual(3);

    await form.getByRole('button', { name: 'Create schedule' }).click();
    await page.waitForURL(/\/app\/schedules\/[0-9a-f-]{36}$/);
    const scheduleUrl = page.url();
    await page.getByRole('heading', { name: 'Payments primary' }).waitFor();
    expect(await page.getByTestId('oncall-now').textContent()).toBe(alice.name);
    await page.getByRole('region', { name: 'Next 14 days' }).waitFor();
    await page.getByTestId('checks').waitFor();

    await page.getByRole('link', { name: '← All schedules' }).click();
    const row = page.getByTestId('schedule-row').filter({ hasText: 'Payments primary' });
    await row.waitFor();
    expect(await row.textContent()).toContain('UTC');
    expect(await row.getByTestId('schedule-oncall').textContent()).toBe(alice.name);
    expect(await page.getByTestId('oncall-box').textContent()).toContain(alice.name);

    // An override for Bob covering now (a start in the past begins now).
    await page.goto(scheduleUrl);
    const overrideForm = page.getByRole('form', { name: 'Add an override' });
    await overrideForm.getByLabel('Person').selectOption(bob.id);
    await overrideForm.getByLabel('Start (UTC)').fill(utcLocal(new Date(Date.now() - 3600_000)));
    await overrideForm.getByLabel('End (UTC)').fill(utcLocal(new Date(Date.now() + 4 * 3600_000)));
    await overrideForm.getByRole('button', { name: 'Add override' }).click();
    await page.getByTestId('override-row').filter({ hasText: bob.name }).waitFor();
    await expectText(() => page.getByTestId('oncall-now').textContent(), bob.name);
    await page.getByRole('link', { name: '← All schedules' }).click();
    await expectText(
      () =>
        page
          .getByTestId('schedule-row')
          .filter({ hasText: 'Payments primary' })
          .getByTestId('schedule-oncall')
          .textContent(),
      bob.name,
    );

    // Change the shift length: version 2, with its summary in the history.
    await page.goto(scheduleUrl);
    await page.getByRole('link', { name: 'Edit layers' }).click();
    const editForm = page.getByRole('form', { name: 'Edit the schedule' });
    await editForm.getByLabel('Shift length').fill('2');
    await editForm.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview').waitFor();
    await editForm.getByRole('button', { name: 'Save as a new version' }).click();
    await page.waitForURL(scheduleUrl);
    const versions = page.getByTestId('version-item');
    await expectCount(() => versions.count(), 2);
    const newest = (await versions.first().textContent()) ?? '';
    expect(newest).toContain('Version 2');
    expect(newest).toContain('in effect');
    const response = await h.app.request(
      'GET',
      `${new URL(scheduleUrl).pathname.replace('/app/', '/api/v1/')}/versions`,
      { token: admin.token },
    );
    const history = (await response.json()) as { items: Array<{ number: number; summary: string }> };
    const summary = history.items.find((item) => item.number === 2)?.summary ?? '';
    expect(summary.length).toBeGreaterThan(0);
    expect(newest).toContain(summary.split('\n')[0]);

    // Restore version 1, confirming first.
    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await page.getByRole('button', { name: /Yes, restore version 1/ }).click();
    await expectCount(() => versions.count(), 3);
    const restored = (await versions.first().textContent()) ?? '';
    expect(restored).toContain('Version 3');
    expect(restored).toContain('Restored from version 1');
    expect(await page.locator('.page-header .summary').textContent()).toContain('version 3');
  });
});

async function expectText(read: () => Promise<string | null>, expected: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await read()) === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await read()).toBe(expected);
}

async function expectCount(read: () => Promise<number>, expected: number): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await read()) === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await read()).toBe(expected);
}
