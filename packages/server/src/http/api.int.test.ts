/**
 * The API's core behaviours: sessions with CSRF, tokens shown once and stored
 * hashed, users and teams, the audit log, health and metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../lib/ids.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../test-support/app.js';

let t: TestApp;
let owner: { id: string; email: string; token: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.createUserWithToken('owner');
});
afterAll(async () => t?.close());

async function login(email: string, password = TEST_PASSWORD) {
  const response = await t.request('POST', '/api/v1/auth/login', { body: { email, password } });
  const cookie = response.headers.get('set-cookie') ?? '';
  const body = (await response.json()) as { csrfToken: string; user: { email: string } };
  return { response, cookie: cookie.split(';')[0]!, csrf: body.csrfToken, body };
}

describe('browser sessions', () => {
  it('signs in with a password, sets a secure-by-default cookie, and signs out', async () => {
    const { response, cookie, csrf, body } = await login(owner.email);
    expect(response.status).toBe(200);
    expect(body.user.email).toBe(owner.email);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(response.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const me = await t.request('GET', '/api/v1/auth/session', { headers: { cookie } });
    expect(me.status).toBe(200);

    const out = await t.request('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    const after = await t.request('GET', '/api/v1/auth/session', { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const { response } = await login(owner.email, 'wrong password!!');
    expect(response.status).toBe(401);
    const unknown = await login('nobody@example.com', 'whatever password');
    expect(unknown.response.status).toBe(401);
  });

  it('slows password guessing: after 10 failures the email must wait, then may sign in again', async () => {
    const user = await t.createUserWithToken('responder');
    for (let i = 0; i < 10; i++) expect((await login(user.email, `wrong password ${i}`)).response.status).toBe(401);
    const blocked = await login(user.email);
    expect(blocked.response.status).toBe(429);
    expect(blocked.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((blocked.body as unknown as { error: { message: string } }).error.message).toMatch(
      /Too many failed sign-ins/,
    );
    t.clock.advanceMinutes(16);
    expect((await login(user.email)).response.status).toBe(200);
  });

  it('requires the CSRF token for writes made with the cookie', async () => {
    const { cookie, csrf } = await login(owner.email);
    const without = await t.request('POST', '/api/v1/teams', {
      headers: { cookie },
      body: { slug: 'csrf', name: 'CSRF' },
    });
    expect(without.status).toBe(403);
    const wrong = await t.request('POST', '/api/v1/teams', {
      headers: { cookie, 'x-csrf-token': 'nope' },
      body: { slug: 'csrf', name: 'CSRF' },
    });
    expect(wrong.status).toBe(403);
    const right = await t.request('POST', '/api/v1/teams', {
      headers: { cookie, 'x-csrf-token': csrf },
      body: { slug: 'csrf', name: 'CSRF' },
    });
    expect(right.status).toBe(201);
  });

  it('expires an idle session', async () => {
    const { cookie } = await login(owner.email);
    t.clock.advance(13 * 60 * 60 * 1000);
    const response = await t.request('GET', '/api/v1/auth/session', { headers: { cookie } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('session_expired');
  });

  it('signs out a disabled user at once', async () => {
    const user = await t.createUserWithToken('responder');
    const { cookie } = await login(user.email);
    await t.request('PATCH', `/api/v1/users/${user.id}`, { token: owner.token, body: { isDisabled: true } });
    expect((await t.request('GET', '/api/v1/auth/session', { headers: { cookie } })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/users', { token: user.token })).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and stops working when revoked', async () => {
    const created = await t.request('POST', '/api/v1/tokens', {
      token: owner.token,
      body: { name: 'ci', scopes: ['read'] },
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string; prefix: string };
    expect(token.token).toMatch(/^tcs_/);
    expect(token.token.startsWith(token.prefix)).toBe(true);

    const stored = await t.app.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSecret(token.token));
    expect(JSON.stringify(stored)).not.toContain(token.token);

    const list = (await (await t.request('GET', '/api/v1/tokens', { token: owner.token })).json()) as {
      items: Array<Record<string, unknown>>;
    };
    expect(list.items.some((i) => i.id === token.id)).toBe(true);
    expect(list.items.every((i) => !('token' in i))).toBe(true);

    expect((await t.request('DELETE', `/api/v1/tokens/${token.id}`, { token: owner.token })).status).toBe(200);
    const revoked = await t.request('GET', '/api/v1/users', { token: token.token });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toMatch(/revoked/);
  });

  it('a read-only token cannot mint a wider one', async () => {
    const created = await t.request('POST', '/api/v1/tokens', {
      token: owner.token,
      body: { name: 'ro', scopes: ['read'] },
    });
    const { token } = (await created.json()) as { token: string };
    const wider = await t.request('POST', '/api/v1/tokens', { token, body: { name: 'rw', scopes: ['write'] } });
    expect(wider.status).toBe(403);
  });
});

describe('users and teams', () => {
  it('creates a user with a hashed password, and refuses a duplicate email in any case', async () => {
    const response = await t.request('POST', '/api/v1/users', {
      token: owner.token,
      body: {
        email: 'Grace@Example.com',
        name: 'Grace',
        role: 'responder',
        timeZone: 'America/New_York',
        password: 'a long enough password',
      },
    });
    expect(response.status).toBe(201);
    const user = (await response.json()) as { id: string; hasPassword: boolean; timeZone: string };
    expect(user.hasPassword).toBe(true);
    expect(user.timeZone).toBe('America/New_York');
    const row = await t.app.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const dup = await t.request('POST', '/api/v1/users', {
      token: owner.token,
      body: { email: 'grace@example.com', name: 'G2' },
    });
    expect(dup.status).toBe(409);
  });

  it('refuses an unknown time zone with an example of a good one', async () => {
    const response = await t.request('POST', '/api/v1/users', {
      token: owner.token,
      body: { email: 'tz@example.com', name: 'TZ', timeZone: 'Mars/Olympus' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/IANA/);
  });

  it('lets a responder change their own name but not their role', async () => {
    const user = await t.createUserWithToken('responder');
    const ok = await t.request('PATCH', `/api/v1/users/${user.id}`, { token: user.token, body: { name: 'New Name' } });
    expect(ok.status).toBe(200);
    const promote = await t.request('PATCH', `/api/v1/users/${user.id}`, {
      token: user.token,
      body: { role: 'admin' },
    });
    expect(promote.status).toBe(403);
  });

  it('changing your own password needs the current one, and signs out your other sessions', async () => {
    const user = await t.createUserWithToken('responder');
    const first = await login(user.email);
    const second = await login(user.email);
    const headers = { cookie: first.cookie, 'x-csrf-token': first.csrf };
    const without = await t.request('PATCH', `/api/v1/users/${user.id}`, {
      headers,
      body: { password: 'a brand new password' },
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { message: string } }).error.message).toMatch(/currentPassword/);
    const wrong = await t.request('PATCH', `/api/v1/users/${user.id}`, {
      headers,
      body: { password: 'a brand new password', currentPassword: 'nope' },
    });
    expect(wrong.status).toBe(403);
    const ok = await t.request('PATCH', `/api/v1/users/${user.id}`, {
      headers,
      body: { password: 'a brand new password', currentPassword: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { headers: { cookie: first.cookie } })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/session', { headers: { cookie: second.cookie } })).status).toBe(401);
    expect((await login(user.email, 'a brand new password')).response.status).toBe(200);
    // An admin resets someone else's password without knowing it.
    const reset = await t.request('PATCH', `/api/v1/users/${user.id}`, {
      token: owner.token,
      body: { password: 'an admin-chosen password' },
    });
    expect(reset.status).toBe(200);
  });

  it('keeps at least one owner', async () => {
    const response = await t.request('PATCH', `/api/v1/users/${owner.id}`, {
      token: owner.token,
      body: { role: 'admin' },
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /at least one active owner/,
    );
  });

  it('manages team members, reachable by slug', async () => {
    const member = await t.createUserWithToken('responder');
    expect(
      (await t.request('POST', '/api/v1/teams', { token: owner.token, body: { slug: 'sre', name: 'SRE' } })).status,
    ).toBe(201);
    const put = await t.request('PUT', `/api/v1/teams/sre/members/${member.id}`, {
      token: owner.token,
      body: { role: 'manager' },
    });
    expect(put.status).toBe(200);
    const team = (await (await t.request('GET', '/api/v1/teams/sre', { token: member.token })).json()) as {
      members: Array<{ userId: string; role: string }>;
    };
    expect(team.members).toEqual([expect.objectContaining({ userId: member.id, role: 'manager' })]);
    expect((await t.request('DELETE', `/api/v1/teams/sre/members/${member.id}`, { token: owner.token })).status).toBe(
      200,
    );
    expect((await t.request('DELETE', `/api/v1/teams/sre/members/${member.id}`, { token: owner.token })).status).toBe(
      404,
    );
    expect((await t.request('DELETE', '/api/v1/teams/sre', { token: owner.token })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/teams/sre', { token: owner.token })).status).toBe(404);
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after, readable by admins', async () => {
    await t.request('POST', '/api/v1/teams', {
      token: owner.token,
      body: { slug: 'audited', name: 'Before' },
      headers: { 'x-request-id': 'req-audit-1' },
    });
    await t.request('PATCH', '/api/v1/teams/audited', { token: owner.token, body: { name: 'After' } });
    const response = await t.request('GET', '/api/v1/audit?entityType=team', { token: owner.token });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: Array<{
        action: string;
        actor: { id: string | null };
        before: { name?: string } | null;
        after: { name?: string } | null;
        requestId: string | null;
      }>;
    };
    const update = items.find((i) => i.action === 'team.updated' && i.after?.name === 'After');
    expect(update?.before?.name).toBe('Before');
    expect(update?.actor.id).toBe(owner.id);
    const create = items.find((i) => i.action === 'team.created' && i.after?.name === 'Before');
    expect(create?.requestId).toBe('req-audit-1');
  });

  it('never writes password hashes into the audit log', async () => {
    const rows = await t.app.db.selectFrom('audit_log').select(['before', 'after']).execute();
    expect(JSON.stringify(rows)).not.toMatch(/argon2/);
  });
});

describe('health and metrics', () => {
  it('reports liveness, readiness and Prometheus metrics without credentials', async () => {
    expect(await (await t.request('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = (await (await t.request('GET', '/readyz')).json()) as {
      status: string;
      checks: { migrations: { ok: boolean } };
    };
    expect(ready.status).toBe('ready');
    expect(ready.checks.migrations.ok).toBe(true);
    const metrics = await (await t.request('GET', '/metrics')).text();
    expect(metrics).toContain('tocsin_http_request_duration_seconds_bucket');
    expect(metrics).toContain('tocsin_process_resident_memory_bytes');
  });
});
