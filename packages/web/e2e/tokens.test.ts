/**
 * API tokens in a real browser: the secret is shown exactly once, works
 * against the API, is gone after a reload (the token stays listed), and
 * stops working when revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startHarness, type Harness } from './support/harness.js';

describe('API tokens in Settings', () => {
  let h: Harness;
  let responder: { id: string; email: string; token: string };

  beforeAll(async () => {
    h = await startHarness();
    responder = await h.app.createUserWithToken('responder');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a new secret once, lists the token after a reload, and revokes it', async () => {
    const page = await h.newPage();
    await signIn(page, responder.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL('**/app/settings/tokens');

    await page.getByLabel('Name', { exact: true }).fill('deploy bot');
    await page.getByRole('checkbox', { name: /^write/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const panel = page.getByTestId('token-secret');
    await panel.waitFor();
    const secret = (await panel.locator('#token-secret-value').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^tcs_\S{20,}$/);
    expect(await panel.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    const withSecret = await h.app.request('GET', '/api/v1/auth/session', { token: secret });
    expect(withSecret.status).toBe(200);

    await page.reload();
    const row = page.getByTestId('token-row').filter({ hasText: 'deploy bot' });
    await row.waitFor();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    expect(await row.textContent()).toContain(secret.slice(0, 8));
    expect(await row.textContent()).toContain('read, write');

    await row.getByRole('button', { name: 'Revoke deploy bot' }).click();
    await row.getByRole('button', { name: /Yes, revoke/ }).click();
    await row.getByText('Revoked').waitFor();
    expect(await row.getByRole('button').count()).toBe(0);
    const afterRevoke = await h.app.request('GET', '/api/v1/auth/session', { token: secret });
    expect(afterRevoke.status).toBe(401);
  });
});
