/**
 * Errors beside their field, one form of each kind: the API's 400 is shown
 * under the field it is about (the field marked invalid and described by it),
 * not only at the top of the form. Whitespace-only names pass the browser's
 * `required` and are refused by the API, which trims them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, signIn, startHarness, type Harness } from './support/harness.js';

describe('Form errors beside their field', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };
  let policyName: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
    policyName = 'Form errors policy';
    await apiAs(h.app, admin.token)('POST', '/api/v1/escalation-policies', {
      name: policyName,
      levels: [{ delayMinutes: 10, targets: [{ type: 'user', id: admin.id }] }],
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function adminPage(path: string): Promise<Page> {
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, admin.email);
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    return page;
  }

  /** The field's error is shown, says `words`, and describes the invalid control. */
  async function expectBeside(page: Page, id: string, words: RegExp): Promise<void> {
    const error = page.locator(`#${id}-error`);
    await error.waitFor();
    expect(await error.textContent()).toMatch(words);
    const control = page.locator(`#${id}`);
    expect(await control.getAttribute('aria-invalid')).toBe('true');
    expect(await control.getAttribute('aria-describedby')).toContain(`${id}-error`);
    expect(await page.getByRole('alert').first().textContent()).toMatch(/see what is wrong beside the fields/);
  }

  it("an admin editing a person: the name's error is beside the name", async () => {
    const page = await adminPage(`/app/users/${responder.id}`);
    await page.locator('#edit-user-name').fill('   ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectBeside(page, 'edit-user-name', /required/i);
  });

  it('an error inside a row of fields does not move its neighbour', async () => {
    const page = await adminPage(`/app/users/${responder.id}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    const button = page.getByRole('button', { name: 'Set password' });
    const input = page.locator('#edit-user-password');
    const topOf = async () => (await button.boundingBox())!.y - (await input.boundingBox())!.y;
    const before = await topOf();
    // Past the browser's own check, so the API's 400 is what speaks.
    await input.evaluate((element) => element.removeAttribute('minlength'));
    await input.fill('short');
    await button.click();
    await expectBeside(page, 'edit-user-password', /at least 12 characters/i);
    expect(await topOf()).toBe(before);
  });

  it("creating a team: the name's error is beside the name", async () => {
    const page = await adminPage('/app/teams');
    await page.locator('#team-name').fill('   ');
    await page.locator('#team-slug').fill('form-errors');
    await page.getByRole('button', { name: 'Create team' }).click();
    await expectBeside(page, 'team-name', /required/i);
  });

  it("creating a service: the name's error is beside the name", async () => {
    const page = await adminPage('/app/services');
    await page.locator('#service-name').fill('   ');
    await page.locator('#service-slug').fill('form-errors');
    await page.locator('#service-policy').selectOption({ label: policyName });
    await page.getByRole('button', { name: 'Create service' }).click();
    await expectBeside(page, 'service-name', /required/i);
  });

  it("creating a status page: the host name's error is beside the host name", async () => {
    const page = await adminPage('/app/status-pages');
    await page.locator('#status-page-name').fill('Public status');
    await page.locator('#status-page-host').fill('not a host name');
    await page.getByRole('button', { name: 'Create status page' }).click();
    await expectBeside(page, 'status-page-host', /host|name|invalid/i);
  });

  it('creating a token with no scope: the error is beside the scopes', async () => {
    const page = await adminPage('/app/settings/tokens');
    await page.locator('#token-name').fill('no scopes');
    await page.getByRole('checkbox', { name: /^read/ }).uncheck();
    await page.getByRole('button', { name: 'Create token' }).click();
    const error = page.locator('#token-scopes-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/at least one/i);
    const scopes = page.getByRole('group', { name: 'Scopes' });
    expect(await scopes.getAttribute('aria-describedby')).toBe('token-scopes-error');
    expect(await scopes.textContent()).toContain(await error.textContent());
  });

  it('an incident category takes an underscore slug, as the API does (the browser does not refuse it)', async () => {
    const page = await adminPage('/app/settings/incident-roles');
    await page.locator('#category-name').fill('Lost writes');
    await page.locator('#category-slug').fill('lost_writes');
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.getByTestId('categories').getByText('lost_writes', { exact: true }).waitFor();
  });
});
