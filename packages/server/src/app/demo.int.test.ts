/**
 * The demo has a second person who can sign in: Bob, a responder, with the
 * owner's password, on the first seed and after `tocsin demo` resets it; the
 * other demo people stay without a password (paged, not signing in).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';
import { DEMO_ADMIN_EMAIL, DEMO_SECOND_EMAIL, seedDemo } from './demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const signIn = (email: string, password: string) =>
  t.request('POST', '/api/v1/auth/login', { body: { email, password } });

it('lets the owner and a second person, a responder, sign in with the password it prints', async () => {
  const login = await seedDemo(t.app.db, t.clock, { resetPassword: false });
  expect(login).toMatchObject({ seeded: true, email: DEMO_ADMIN_EMAIL, secondEmail: DEMO_SECOND_EMAIL });
  expect((await signIn(DEMO_ADMIN_EMAIL, login.password)).status).toBe(200);
  const bob = await signIn(DEMO_SECOND_EMAIL, login.password);
  expect(bob.status).toBe(200);
  expect(((await bob.json()) as { user: { role: string } }).user.role).toBe('responder');
  expect((await signIn('chen@example.com', login.password)).status).toBe(401);

  const reset = await seedDemo(t.app.db, t.clock, { resetPassword: true });
  expect(reset.seeded).toBe(false);
  expect(reset.password).not.toBe(login.password);
  expect((await signIn(DEMO_SECOND_EMAIL, login.password)).status).toBe(401);
  expect((await signIn(DEMO_SECOND_EMAIL, reset.password)).status).toBe(200);
});
