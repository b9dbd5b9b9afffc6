/**
 * Role-aware screens: an admin is offered user and team management and the
 * audit log; a viewer sees the same lists without the admin-only actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, type Harness } from './support/harness.js';

describe('what each role is offered', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let viewer: { id: string; email: string; token: string };
  let adminName: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    viewer = await h.app.createUserWithToken('viewer');
    adminName = await nameOf(h.app, admin.token, admin.id);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets an admin create a user with a role, and shows it in the audit log', async () => {
    const page = await h.newPage();
    await signIn(page, admin.email);
    await page.goto('/app/users');
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Name').fill('Rosa Night-Shift');
    await form.getByLabel('Email').fill('rosa@example.com');
    await form.getByLabel('Role').selectOption('responder');
    await form.getByRole('button', { name: 'Add user' }).click();

    const row = page.getByRole('row', { name: /Rosa Night-Shift/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('responder');
    // Only owners make owners: an admin is not offered the role.
    expect(
      await form
        .getByLabel('Role')
        .locator('option')
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).not.toContain('owner');

    await page.goto('/app/settings/audit');
    const first = page.getByTestId('audit-row').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('user.created');
    expect(await first.textContent()).toContain(adminName);
  });

  it('shows a viewer the lists without admin-only actions', async () => {
    const page = await h.newPage();
    await signIn(page, viewer.email);

    await page.goto('/app/users');
    await page.getByRole('row', { name: new RegExp(adminName) }).waitFor();
    expect(await page.getByRole('form', { name: 'Add a user' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add user' }).count()).toBe(0);

    await page.goto('/app/teams');
    await page.getByRole('heading', { name: 'Teams', level: 1 }).waitFor();
    await page
      .getByText(/No teams yet|Members of/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: 'Create team' }).count()).toBe(0);

    await page.goto('/app/settings/tokens');
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    const settingsTabs = await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allInnerTexts();
    expect(settingsTabs).toEqual(['Profile', 'Notifications', 'API tokens']);
    expect(await page.getByRole('checkbox', { name: /^admin/ }).count()).toBe(0);

    await page.goto('/app/settings/audit');
    await page.getByRole('heading', { name: 'The audit log is for admins' }).waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(0);
  });
});
