/**
 * Settings → Notifications in a real browser: a responder adds a webhook
 * contact method (the one type the test server can send codes to without a
 * provider), sees it waiting for its code (the API agrees), and a wrong
 * code shows the server's own explanation; the page links the vCard of the
 * numbers and addresses Tocsin pages from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startHarness, type Harness } from './support/harness.js';

describe('Contact methods in Settings', () => {
  let h: Harness;
  let responder: { id: string; email: string; token: string };

  beforeAll(async () => {
    h = await startHarness();
    responder = await h.app.createUserWithToken('responder');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('adds a webhook method that waits for its code, and explains a wrong code', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(10_000);
    await signIn(page, responder.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL('**/app/settings/notifications');

    await page.getByLabel('Type').selectOption('webhook');
    await page.getByLabel('Label (optional)').fill('Pager hook');
    await page.getByLabel('Address').fill('https://hooks.example.com/tocsin');
    await page.getByRole('button', { name: 'Add and send a code' }).click();

    const method = page.getByTestId('contact-method').filter({ hasText: 'Pager hook' });
    await method.waitFor();
    expect(await method.textContent()).toContain('Not verified');
    expect(await method.textContent()).toContain('https://hooks.example.com/tocsin');

    const listed = await h.app.request('GET', `/api/v1/users/${responder.id}/contact-methods`, {
      token: responder.token,
    });
    const items = ((await listed.json()) as { items: Array<{ label: string; address: string; isVerified: boolean }> })
      .items;
    expect(items).toEqual([
      expect.objectContaining({ label: 'Pager hook', address: 'https://hooks.example.com/tocsin', isVerified: false }),
    ]);

    await method.getByLabel('Code sent to Pager hook').fill('000000');
    await method.getByRole('button', { name: 'Verify' }).click();
    const alert = method.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/code is wrong/i);
    await method.getByText(/; 4 attempts left\./).waitFor();
    await page.screenshot({ path: '/tmp/notifications.png', fullPage: true });

    // The numbers and addresses Tocsin pages from, as a contact card to save.
    const card = page.getByRole('link', { name: "download Tocsin's contact card (vCard)" });
    const href = await card.getAttribute('href');
    const served = await page.request.get(href!);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toMatch(/^text\/vcard/);
    expect(await served.text()).toMatch(/^BEGIN:VCARD\r\n/);
  });
});
