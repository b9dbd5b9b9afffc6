/**
 * People in the UI: an admin opens a person from the user list and changes
 * their role and time zone, disables and re-enables their sign-in, sets a
 * new password they can sign in with, and adds a contact method for them;
 * the API agrees with each. A responder sees names without links, and is
 * offered "New schedule" only once they manage a team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSmtp, type FakeSmtp } from '../../server/src/test-support/fake-vendors/fake-smtp.js';
import { apiAs, nameOf, signIn, startHarness, type Harness } from './support/harness.js';

describe('Managing people', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let responder: { id: string; email: string; token: string };

  let smtp: FakeSmtp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    h = await startHarness({
      config: {
        providers: {
          email: { smtpUrl: smtp.url, from: 'Tocsin <pager@tocsin.test>' },
          inboundSmtp: undefined,
          twilio: undefined,
          slack: undefined,
        },
      },
    });
    admin = await h.app.createUserWithToken('admin');
    responder = await h.app.createUserWithToken('responder');
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const read = async () =>
    apiAs(h.app, admin.token)<{ role: string; timeZone: string; isDisabled: boolean }>(
      'GET',
      `/api/v1/users/${responder.id}`,
    );

  it("lets an admin change a person's role, time zone, sign-in, password and contact methods", async () => {
    const name = await nameOf(h.app, admin.token, responder.id);
    const page = await h.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, admin.email);
    await page.goto('/app/users');
    await page.getByTestId('user-row').getByRole('link', { name }).click();
    await page.waitForURL(`**/app/users/${responder.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();

    const profile = page.getByRole('form', { name: 'Profile and role' });
    await profile.getByLabel('Role').selectOption('viewer');
    await profile.getByLabel('Time zone').fill('America/New_York');
    await profile.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`${name} is saved.`).waitFor();
    expect(await read()).toMatchObject({ role: 'viewer', timeZone: 'America/New_York' });

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText(`${name} can no longer sign in or be paged.`).waitFor();
    expect((await read()).isDisabled).toBe(true);
    await page.getByRole('button', { name: 'Re-enable' }).click();
    await page.getByText(`${name} is enabled again.`).waitFor();
    expect((await read()).isDisabled).toBe(false);

    await page.getByLabel('New password (at least 12 characters)').fill('a brand new password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText(/has a new password/).waitFor();
    const login = await h.app.request('POST', '/api/v1/auth/login', {
      body: { email: responder.email, password: 'a brand new password' },
    });
    expect(login.status).toBe(200);

    const add = page.getByRole('form', { name: 'Add a contact method' });
    await add.getByLabel('Type').selectOption('webhook');
    await add.getByLabel('Address').fill('https://hooks.example.com/their-pager');
    await add.getByRole('button', { name: /Add/ }).click();
    await page.getByTestId('contact-method').filter({ hasText: 'https://hooks.example.com/their-pager' }).waitFor();
    const methods = await apiAs(h.app, admin.token)<{ items: Array<{ address: string }> }>(
      'GET',
      `/api/v1/users/${responder.id}/contact-methods`,
    );
    expect(methods.items.map((m) => m.address)).toEqual(['https://hooks.example.com/their-pager']);
    await page.screenshot({ path: '/tmp/tocsin-shots/user-admin-390.png', fullPage: true });
  });

  it(
    "picks a time zone by searching, provisions a person's email, and says what is wrong beside the field",
    { timeout: 90_000 },
    async () => {
      const name = await nameOf(h.app, admin.token, responder.id);
      const page = await h.newPage();
      page.setDefaultTimeout(15_000);
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, admin.email);
      await page.goto(`/app/users/${responder.id}`);
      await page.getByRole('heading', { name, level: 1 }).waitFor();

      // The time zone is chosen from a searchable list, never typed free-hand.
      const profile = page.getByRole('form', { name: 'Profile and role' });
      const zone = profile.getByRole('combobox', { name: 'Time zone' });
      await zone.fill('london');
      const options = page.getByRole('listbox', { name: 'Time zones' }).getByRole('option');
      await options.first().waitFor();
      expect(await options.allTextContents()).toEqual([expect.stringMatching(/^Europe\/London/)]);
      await page.screenshot({ path: '/tmp/fp-shots/tz-picker-390.png' });
      await options.first().click();
      expect(await zone.inputValue()).toBe('Europe/London');
      // Text that names no zone goes back to the chosen one when the field is left.
      await zone.fill('Atlantis');
      await profile.getByLabel('Name').click();
      expect(await zone.inputValue()).toBe('Europe/London');
      await profile.getByRole('button', { name: 'Save' }).click();
      await page.getByText(`${name} is saved.`).waitFor();
      expect((await read()).timeZone).toBe('Europe/London');

      // An error is said beside its field, in plain words, and the field is marked.
      const add = page.getByRole('form', { name: 'Add a contact method' });
      await add.getByLabel('Provision it', { exact: false }).uncheck();
      await add.getByLabel('Address').fill('not an address');
      await add.getByRole('button', { name: 'Add and send a code' }).click();
      const besideAddress = add.locator('#method-address-error');
      await besideAddress.waitFor();
      expect(await besideAddress.textContent()).toMatch(/email/i);
      expect(await add.getByLabel('Address').getAttribute('aria-invalid')).toBe('true');
      expect(await add.getByLabel('Address').getAttribute('aria-describedby')).toContain('method-address-error');
      expect(await add.getByRole('alert').textContent()).toBe(
        'Nothing was saved: see what is wrong beside the fields below.',
      );
      await page.screenshot({ path: '/tmp/fp-shots/field-error-390.png', fullPage: true });

      // An admin vouches for the address: verified at once, marked as provisioned, a test sent to it.
      await add.getByLabel('Provision it', { exact: false }).check();
      await add.getByLabel('Address').fill('their.pager@example.com');
      await add.getByRole('button', { name: 'Add as provisioned and send a test' }).click();
      const item = page.getByTestId('contact-method').filter({ hasText: 'their.pager@example.com' });
      await item.getByText('Provisioned', { exact: true }).waitFor();
      await item.getByText('Verified', { exact: true }).waitFor();
      const methods = await apiAs(h.app, admin.token)<{
        items: Array<{ address: string; isVerified: boolean; provisioned: { byUserId: string } | null }>;
      }>('GET', `/api/v1/users/${responder.id}/contact-methods`);
      expect(methods.items.find((m) => m.address === 'their.pager@example.com')).toMatchObject({
        isVerified: true,
        provisioned: { byUserId: admin.id },
      });
      // The harness runs no engine loop: send what is due by hand, to the SMTP sink.
      await h.app.app.engine.runDue();
      expect(smtp.mails.filter((m) => m.to.includes('their.pager@example.com')).map((m) => m.subject)).toEqual([
        '[Tocsin] Test notification',
      ]);
      await page.screenshot({ path: '/tmp/fp-shots/user-provisioned-390.png', fullPage: true });
      await page.setViewportSize({ width: 1280, height: 860 });
      await page.screenshot({ path: '/tmp/fp-shots/user-provisioned-1280.png', fullPage: true });
    },
  );

  it('shows a responder the names without links to manage them', async () => {
    const page = await h.newPage();
    await signIn(page, responder.email, 'a brand new password');
    await page.goto('/app/users');
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByTestId('user-row').getByRole('link').count()).toBe(0);
  });

  it('offers "New schedule" to a responder only once they manage a team', async () => {
    const other = await h.app.createUserWithToken('responder');
    const page = await h.newPage();
    await signIn(page, other.email);
    await page.goto('/app/schedules');
    await page.getByText('An admin or a team manager can create schedules.').waitFor();
    expect(await page.getByRole('link', { name: 'New schedule' }).count()).toBe(0);

    const asAdmin = apiAs(h.app, admin.token);
    await asAdmin('POST', '/api/v1/teams', { slug: 'storage', name: 'Storage' });
    await asAdmin('PUT', `/api/v1/teams/storage/members/${other.id}`, { role: 'manager' });
    await page.reload();
    await page.getByRole('link', { name: 'New schedule' }).waitFor();
  });
});
