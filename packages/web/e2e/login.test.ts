/**
 * Signing in and out in a real browser: a wrong password is refused with the
 * server's message; a right one opens the shell; sign-out ends the session;
 * a session that expires mid-use sends the person back to /login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameOf, signIn, startHarness, TEST_PASSWORD, type Harness } from './support/harness.js';

const AREAS = [
  'Incidents',
  'Alerts',
  'My on-call shifts',
  'Services',
  'Escalation policies',
  'Schedules',
  'Status pages',
  'Postmortems',
  'Analytics',
  'Teams',
  'Users',
  'Settings',
];

describe('signing in and out', () => {
  let h: Harness;
  let admin: { id: string; email: string; token: string };
  let adminName: string;

  beforeAll(async () => {
    h = await startHarness();
    admin = await h.app.createUserWithToken('admin');
    adminName = await nameOf(h.app, admin.token, admin.id);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('loads the sign-in page for a signed-out visitor without failed requests', async () => {
    const page = await h.newPage();
    const failures: string[] = [];
    page.on('response', (response) => {
      const isExpected401 = response.url().endsWith('/api/v1/auth/session') && response.status() === 401;
      if (response.status() >= 400 && !isExpected401) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
    await page.goto('/app/settings/tokens');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await page.title()).toBe('Sign in · Tocsin');
    expect(failures).toEqual([]);
  });

  it('refuses a wrong password with the server message and stays on /login', async () => {
    const refusal = await h.app.request('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: 'not the password' },
    });
    const serverMessage = ((await refusal.json()) as { error: { message: string } }).error.message;

    const page = await h.newPage();
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(serverMessage);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(admin.email);
  });

  it('opens the shell, shows a team, signs out and guards /app afterwards', async () => {
    const team = await h.app.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { slug: 'payments-sre', name: 'Payments SRE', description: 'Keeps card payments up.' },
    });
    expect(team.status).toBe(201);
    const { id: teamId } = (await team.json()) as { id: string };
    const join = await h.app.request('PUT', `/api/v1/teams/${teamId}/members/${admin.id}`, {
      token: admin.token,
      body: { role: 'manager' },
    });
    expect(join.status).toBe(200);

    const page = await h.newPage();
    await page.goto('/app/teams');
    await page.waitForURL('**/login');
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Signing in returns to where the person was heading.
    await page.waitForURL('**/app/teams');

    const nav = page.getByRole('navigation', { name: 'Main' });
    // The URL changes before the shell has drawn its menu: wait for it, then read it whole.
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    const links = await nav.getByRole('link').allInnerTexts();
    expect(links.map((text) => text.replace(/\s*planned$/i, '').trim())).toEqual(AREAS);
    expect(await page.getByTestId('current-user').textContent()).toBe(adminName);

    const card = page.getByRole('article', { name: 'Payments SRE' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Keeps card payments up.');
    const member = card.getByRole('row', { name: new RegExp(adminName) });
    expect(await member.textContent()).toContain('manager');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    await page.goto('/app');
    await page.waitForURL('**/login');
    expect(new URL(page.url()).pathname).toBe('/login');
    const session = await page.evaluate(async () => (await fetch('/api/v1/auth/session')).status);
    expect(session).toBe(401);
  });

  it('takes a visitor who guessed /app/login through sign-in to the app, not to "Page not found"', async () => {
    const page = await h.newPage();
    await page.goto('/app/login');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email', { exact: true }).fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/app/incidents');
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Page not found' }).count()).toBe(0);
    // Signed in, the same guess goes to the app too.
    await page.goto('/app/login');
    await page.waitForURL('**/app/incidents');
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
  });

  it('sends / to the app, and to /login once the session has expired mid-use', async () => {
    const page = await h.newPage();
    await signIn(page, admin.email);
    await page.goto('/');
    await page.waitForURL('**/app/incidents');
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'No incidents match' }).waitFor();

    h.app.clock.advance(13 * 60 * 60 * 1000); // past the 12-hour session lifetime
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/login');
    expect(await page.getByRole('status').first().textContent()).toContain('Your session has ended');
  });
});
