/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider, with its
 * development login and consent forms) on 127.0.0.1, two real Tocsin servers
 * (one creates accounts on first sign-in, one does not), and a small cookie-
 * keeping "browser" that follows every redirect by hand.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { sql } from 'kysely';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcConfig } from '../../app/config.js';
import { FakeClock } from '../../lib/clock.js';
import { updateUser } from '../users/index.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';

const CALLBACK = '/api/v1/auth/oidc/callback';
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  alice: { email: 'alice@example.com', email_verified: true, name: 'Alice Liddell' },
  bob: { email: 'Bob@Example.com', email_verified: true, name: 'Bob from SSO' },
  carol: { email: 'carol@example.com', email_verified: false, name: 'Carol' },
  dave: { email: 'dave@example.com', email_verified: true, name: 'Dave' },
  erin: { email: 'erin@example.com', email_verified: true, name: 'Erin' },
  frank: { email: 'frank@example.com', email_verified: true, name: 'Frank' },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * Tocsin on a port picked beforehand, because its public URL (and so its
 * redirect URI) must be in its config before it starts. Another process may
 * take the port in between: then try another.
 */
async function startTocsinOnFreePort(oidc: OidcConfig): Promise<TestApp> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      // A clock at real time: the provider stamps its tokens and cookies with real time too.
      return await startTestApp({
        clock: new FakeClock(new Date()),
        config: { port, publicUrl: `http://127.0.0.1:${port}`, oidc },
      });
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

/** Keeps cookies per origin and follows nothing by itself. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    this.jarFor(origin).set(name, value);
  }

  private jarFor(origin: string): Map<string, string> {
    let jar = this.jars.get(origin);
    if (!jar) this.jars.set(origin, (jar = new Map()));
    return jar;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const { origin } = new URL(url);
    const jar = this.jarFor(origin);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as object), ...(cookie && { cookie }) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((s) => s.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expires = attributes.find((a) => /^expires=/i.test(a))?.slice(8);
      const maxAge = attributes.find((a) => /^max-age=/i.test(a))?.slice(8);
      const gone =
        value === '' ||
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }
}

let issuer: string;
let idp: http.Server;
let t: TestApp; // creates accounts on first sign-in, default role viewer
let strict: TestApp; // does not create accounts
let bare: TestApp; // no single sign-on configured

beforeAll(async () => {
  // The provider's address must be known before Tocsin starts, and Tocsin's
  // redirect URIs before the provider is built: listen first, build after.
  let handle: http.RequestListener = (_req, res) => res.writeHead(503).end();
  idp = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as net.AddressInfo).port}`;

  const oidc: OidcConfig = {
    issuer,
    clientId: 'tocsin',
    clientSecret: 'tocsin-test-secret',
    label: 'Test SSO',
    defaultRole: 'viewer',
    autoCreateUsers: true,
  };
  t = await startTocsinOnFreePort(oidc);
  strict = await startTocsinOnFreePort({ ...oidc, autoCreateUsers: false });
  bare = await startTestApp();

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'tocsin',
        client_secret: 'tocsin-test-secret',
        redirect_uris: [`${t.url}${CALLBACK}`, `${strict.url}${CALLBACK}`],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-int-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = ACCOUNTS[id];
      return account && { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });
  handle = provider.callback();
});

afterAll(async () => {
  await Promise.all([t?.close(), strict?.close(), bare?.close()]);
  if (!idp) return;
  idp.closeAllConnections();
  await new Promise((resolve) => idp.close(resolve));
});

/**
 * Starts a sign-in at Tocsin and walks the provider's login and consent forms
 * as `login`; returns the callback URL the provider sends the browser to.
 */
async function reachCallback(
  app: TestApp,
  browser: Browser,
  login: string,
  options: { returnTo?: string; abort?: boolean } = {},
): Promise<string> {
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  let response = await browser.get(`${app.url}/api/v1/auth/oidc/login${query}`);
  for (let step = 0; step < 12; step++) {
    if (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get('location')!, response.url || issuer).href;
      if (next.startsWith(`${app.url}${CALLBACK}`)) return next;
      response = await browser.get(next);
      continue;
    }
    expect(response.status, await response.clone().text()).toBe(200);
    const page = await response.text();
    const interaction = new URL(response.url).href;
    if (options.abort) {
      response = await browser.get(`${interaction}/abort`);
    } else if (page.includes('name="prompt" value="login"')) {
      response = await browser.post(interaction, { prompt: 'login', login, password: 'any' });
    } else {
      expect(page).toContain('name="prompt" value="consent"');
      response = await browser.post(interaction, { prompt: 'consent' });
    }
  }
  throw new Error('the provider never redirected back to Tocsin');
}

/** The whole sign-in; returns where Tocsin sent the browser and the browser holding its cookies. */
async function signIn(app: TestApp, login: string, options: { returnTo?: string; abort?: boolean } = {}) {
  const browser = new Browser();
  const callback = await reachCallback(app, browser, login, options);
  const response = await browser.get(callback);
  expect(response.status).toBe(302);
  return { location: response.headers.get('location')!, browser };
}

const loginError = (location: string): string | null => new URL(location, 'http://x').searchParams.get('error');

async function sessionUser(app: TestApp, browser: Browser) {
  const response = await browser.get(`${app.url}/api/v1/auth/session`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { user: { id: string; email: string; role: string; hasPassword: boolean } }).user;
}

async function usersWithEmail(app: TestApp, email: string) {
  return app.ctx.db.selectFrom('users').selectAll().where('email', 'ilike', email).execute();
}

describe('OIDC single sign-on', () => {
  it('creates a new person with the default role, and the session cookie works', async () => {
    const { location, browser } = await signIn(t, 'alice', { returnTo: '/app/incidents?status=open' });
    expect(location).toBe('/app/incidents?status=open');
    const user = await sessionUser(t, browser);
    expect(user).toMatchObject({ email: 'alice@example.com', role: 'viewer', hasPassword: false });

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.sso_linked', 'session.created']);
    expect(audit[0]!.actor_label).toBe(`single sign-on (${issuer})`);
    expect(audit[2]!.after).toMatchObject({ method: 'oidc', issuer });
  });

  it('maps the second sign-in to the same user', async () => {
    const first = await signIn(t, 'alice');
    expect(first.location).toBe('/app');
    const before = await usersWithEmail(t, 'alice@example.com');
    const second = await signIn(t, 'alice');
    expect((await sessionUser(t, second.browser)).id).toBe(before[0]!.id);
    expect(await usersWithEmail(t, 'alice@example.com')).toHaveLength(1);
  });

  it('signs a new person in from two tabs at once: one account, both tabs signed in', async () => {
    const tabs = [new Browser(), new Browser()];
    const callbacks = await Promise.all(tabs.map((tab) => reachCallback(t, tab, 'frank')));
    // Hold new accounts back until both callbacks wait, so they meet where they would race.
    let responses: Array<Promise<Response>> = [];
    await t.ctx.db.transaction().execute(async (tx) => {
      await sql`LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
      responses = tabs.map((tab, i) => tab.get(callbacks[i]!));
      for (let waited = 0; ; waited += 20) {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(
          t.ctx.db,
        );
        if (rows[0]!.n >= 2) break;
        if (waited > 10_000) throw new Error('the two callbacks never both waited');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const answers = await Promise.all(responses);
    expect(answers.map((answer) => answer.headers.get('location'))).toEqual(['/app', '/app']);
    const users = await usersWithEmail(t, 'frank@example.com');
    expect(users).toHaveLength(1);
    for (const tab of tabs) expect((await sessionUser(t, tab)).id).toBe(users[0]!.id);
    expect(
      await t.ctx.db.selectFrom('oidc_identities').selectAll().where('subject', '=', 'frank').execute(),
    ).toHaveLength(1);
  });

  it('links an existing password user with the same verified email instead of duplicating them', async () => {
    const bob = await t.createUserWithToken('admin', 'bob@example.com');
    const { location, browser } = await signIn(t, 'bob');
    expect(location).toBe('/app');
    expect(await sessionUser(t, browser)).toMatchObject({ id: bob.id, role: 'admin', hasPassword: true });
    expect(await usersWithEmail(t, 'bob@example.com')).toHaveLength(1);
    const identity = await t.ctx.db
      .selectFrom('oidc_identities')
      .selectAll()
      .where('subject', '=', 'bob')
      .executeTakeFirstOrThrow();
    expect(identity.user_id).toBe(bob.id);
  });

  it('neither links nor creates an account for an unverified email', async () => {
    await t.createUserWithToken('responder', 'carol@example.com');
    const { location } = await signIn(t, 'carol');
    expect(loginError(location)).toMatch(/does not vouch that carol@example.com is verified/);
    expect(
      await t.ctx.db.selectFrom('oidc_identities').selectAll().where('subject', '=', 'carol').execute(),
    ).toHaveLength(0);
  });

  it('refuses an unknown person when accounts are not created automatically, saying so on the login page', async () => {
    const { location } = await signIn(strict, 'dave');
    expect(location.startsWith('/login?error=')).toBe(true);
    expect(loginError(location)).toMatch(/no Tocsin account for dave@example.com.*ask a Tocsin administrator/);
    expect(await usersWithEmail(strict, 'dave@example.com')).toHaveLength(0);
  });

  it('refuses a replayed callback (the same state twice)', async () => {
    const browser = new Browser();
    const callback = await reachCallback(t, browser, 'alice');
    const state = browser.cookie(t.url, 'tocsin_oidc_state')!;
    expect((await browser.get(callback)).headers.get('location')).toBe('/app');
    browser.setCookie(t.url, 'tocsin_oidc_state', state); // even with the binding cookie put back
    const replay = await browser.get(callback);
    expect(loginError(replay.headers.get('location')!)).toMatch(/already used or is unknown/);
  });

  it('refuses a callback in a browser that did not start the sign-in (login CSRF)', async () => {
    const callback = await reachCallback(t, new Browser(), 'alice');
    const victim = new Browser();
    const response = await victim.get(callback);
    expect(loginError(response.headers.get('location')!)).toMatch(/does not belong to this browser/);
    expect(victim.cookie(t.url, 'tocsin_session')).toBeUndefined();
  });

  it('refuses a disabled user', async () => {
    const first = await signIn(t, 'erin');
    const erin = await sessionUser(t, first.browser);
    await updateUser(t.ctx, erin.id, { isDisabled: true });
    const { location, browser } = await signIn(t, 'erin');
    expect(loginError(location)).toMatch(/account for erin@example.com is disabled/);
    expect(browser.cookie(t.url, 'tocsin_session')).toBeUndefined();
  });

  it('refuses a sign-in that took longer than ten minutes', async () => {
    const browser = new Browser();
    const callback = await reachCallback(t, browser, 'alice');
    t.clock.advanceMinutes(11);
    const response = await browser.get(callback);
    expect(loginError(response.headers.get('location')!)).toMatch(/longer than 10 minutes/);
  });

  it('explains a sign-in cancelled at the provider', async () => {
    const { location } = await signIn(t, 'alice', { abort: true });
    expect(loginError(location)).toMatch(/cancelled or denied at the identity provider.*End-User aborted interaction/);
  });

  it('ignores a returnTo that leaves Tocsin', async () => {
    for (const returnTo of ['//evil.example/app', 'https://evil.example', '/\\evil.example']) {
      expect((await signIn(t, 'alice', { returnTo })).location).toBe('/app');
    }
  });

  it('answers 404 with a clear message when single sign-on is not configured', async () => {
    for (const path of ['/api/v1/auth/oidc/login', `${CALLBACK}?code=x&state=y`]) {
      const response = await bare.request('GET', path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /Single sign-on is not configured/,
      );
    }
  });
});
