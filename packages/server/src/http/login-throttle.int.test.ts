/**
 * Password sign-in under attack: the client's address is the connection's
 * unless a trusted proxy (TOCSIN_TRUSTED_PROXIES) says otherwise, so a
 * made-up X-Forwarded-For neither escapes the per-address throttle nor
 * writes the audit log's IP; and a stranger's wrong passwords hold an account
 * back for strangers only, never for the owner's own browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS_PER_ACCOUNT, MAX_FAILED_LOGINS_PER_ADDRESS } from '../modules/auth/index.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../test-support/app.js';
import { KNOWN_DEVICE_COOKIE } from './routes/auth.routes.js';

let direct: TestApp;
let proxied: TestApp;

beforeAll(async () => {
  [direct, proxied] = await Promise.all([startTestApp(), startTestApp({ config: { trustedProxies: ['127.0.0.1'] } })]);
});
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

interface Attempt {
  email: string;
  password?: string;
  forwardedFor?: string;
  /** The known-device cookie's value. */
  device?: string;
}

async function login(t: TestApp, attempt: Attempt) {
  const headers: Record<string, string> = {};
  if (attempt.forwardedFor) headers['x-forwarded-for'] = attempt.forwardedFor;
  if (attempt.device) headers.cookie = `${KNOWN_DEVICE_COOKIE}=${attempt.device}`;
  const response = await t.request('POST', '/api/v1/auth/login', {
    body: { email: attempt.email, password: attempt.password ?? TEST_PASSWORD },
    headers,
  });
  const device = /tocsin_device=([^;]*)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as unknown,
    device,
  };
}

async function auditIpOf(t: TestApp, userId: string): Promise<unknown> {
  const row = await t.app.db
    .selectFrom('audit_log')
    .select('after')
    .where('action', '=', 'session.created')
    .where('entity_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return (row.after as { ip?: unknown }).ip;
}

describe('forwarded addresses', () => {
  it("ignores an untrusted client's X-Forwarded-For for the per-address throttle", { timeout: 120_000 }, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++) {
      const failed = await login(direct, {
        email: `nobody${i}@example.com`,
        password: 'wrong password!',
        forwardedFor: `203.0.113.${i % 250}`,
      });
      expect(failed.status).toBe(401);
    }
    const next = await login(direct, {
      email: 'someone-else@example.com',
      password: 'wrong password!',
      forwardedFor: '198.51.100.77',
    });
    expect(next.status).toBe(429);
    expect(next.retryAfter).toMatch(/^\d+$/);
    direct.clock.advanceMinutes(16);
  });

  it("records the connection's address in the audit log, not the client's X-Forwarded-For", async () => {
    const user = await direct.createUserWithToken('responder');
    expect((await login(direct, { email: user.email, forwardedFor: '203.0.113.50' })).status).toBe(200);
    expect(await auditIpOf(direct, user.id)).toBe('127.0.0.1');
  });

  it("honours a trusted proxy's X-Forwarded-For, for the audit log and per address", { timeout: 120_000 }, async () => {
    const user = await proxied.createUserWithToken('responder');
    expect((await login(proxied, { email: user.email, forwardedFor: '203.0.113.50' })).status).toBe(200);
    expect(await auditIpOf(proxied, user.id)).toBe('203.0.113.50');

    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ADDRESS; i++) {
      expect(
        (
          await login(proxied, {
            email: `nobody${i}@example.com`,
            password: 'wrong password!',
            forwardedFor: '198.51.100.7',
          })
        ).status,
      ).toBe(401);
    }
    expect(
      (
        await login(proxied, {
          email: 'another@example.com',
          password: 'wrong password!',
          forwardedFor: '198.51.100.7',
        })
      ).status,
    ).toBe(429);
    // Another client behind the same proxy is not held back.
    expect((await login(proxied, { email: user.email, forwardedFor: '198.51.100.8' })).status).toBe(200);
    proxied.clock.advanceMinutes(16);
  });
});

describe('a stranger guessing passwords', () => {
  const attacker = '192.0.2.66';
  const home = '198.51.100.20';

  it("cannot lock the owner out: the owner's known browser still signs in", async () => {
    const owner = await proxied.createUserWithToken('owner');
    const first = await login(proxied, { email: owner.email, forwardedFor: home });
    expect(first.status).toBe(200);
    expect(first.device).toBeTruthy();

    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ACCOUNT + 2; i++) {
      const guess = await login(proxied, { email: owner.email, password: `guess number ${i}`, forwardedFor: attacker });
      expect(guess.status).toBe(i < MAX_FAILED_LOGINS_PER_ACCOUNT ? 401 : 429);
    }
    const again = await login(proxied, { email: owner.email, forwardedFor: home, device: first.device! });
    expect(again.status).toBe(200);
    // And again from the same browser, with the mark it was given this time.
    expect((await login(proxied, { email: owner.email, forwardedFor: home, device: again.device! })).status).toBe(200);
    // The stranger is still held back after the owner signed in.
    expect(
      (await login(proxied, { email: owner.email, password: 'one more guess', forwardedFor: attacker })).status,
    ).toBe(429);
  });

  it("refuses the stranger's right guess with 429 and Retry-After, exactly as a wrong one", async () => {
    const owner = await proxied.createUserWithToken('owner');
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ACCOUNT; i++) {
      expect(
        (await login(proxied, { email: owner.email, password: `guess number ${i}`, forwardedFor: attacker })).status,
      ).toBe(401);
    }
    const right = await login(proxied, { email: owner.email, forwardedFor: attacker });
    const wrong = await login(proxied, { email: owner.email, password: 'yet another guess', forwardedFor: attacker });
    expect(right.status).toBe(429);
    expect(right.retryAfter).toMatch(/^\d+$/);
    expect(right.device).toBeUndefined();
    expect(wrong.status).toBe(429);
    expect(right.body).toEqual(wrong.body);
    // A browser the account does not know, from any address, waits as well; a mark for another account does not help.
    const other = await proxied.createUserWithToken('responder');
    const otherDevice = (await login(proxied, { email: other.email, forwardedFor: home })).device!;
    expect((await login(proxied, { email: owner.email, forwardedFor: home, device: otherDevice })).status).toBe(429);
    expect(
      (await login(proxied, { email: owner.email, forwardedFor: home, device: `${Date.now()}.${'A'.repeat(43)}` }))
        .status,
    ).toBe(429);
    // Once the window has passed, the right password works again from anywhere.
    proxied.clock.advanceMinutes(16);
    expect((await login(proxied, { email: owner.email, forwardedFor: attacker })).status).toBe(200);
  });

  it("limits a known browser's own failures", async () => {
    const user = await proxied.createUserWithToken('responder');
    const device = (await login(proxied, { email: user.email, forwardedFor: home })).device!;
    for (let i = 0; i < MAX_FAILED_LOGINS_PER_ACCOUNT; i++) {
      expect(
        (await login(proxied, { email: user.email, password: `typo ${i}`, forwardedFor: home, device })).status,
      ).toBe(401);
    }
    expect((await login(proxied, { email: user.email, forwardedFor: home, device })).status).toBe(429);
  });
});
