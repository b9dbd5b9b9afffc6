/**
 * Every write operation in the OpenAPI document (POST, PUT, PATCH, DELETE)
 * answers 403 to a read-only API token, the caller's own user and things
 * included, except public routes (they judge their own credentials) and the
 * few that change nothing. A new route that forgets the scope fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../test-support/app.js';

/** POSTs that change nothing, marked `config: { scope: 'read' }`. */
const READ_SCOPE_WRITES = new Set(['POST /api/v1/schedules/preview', 'POST /api/v1/auth/logout']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let t: TestApp;
let owner: { id: string; token: string };
let readToken: string;

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.createUserWithToken('owner');
  const created = await t.request('POST', '/api/v1/tokens', {
    token: owner.token,
    body: { name: 'read only', scopes: ['read'] },
  });
  expect(created.status).toBe(201);
  readToken = ((await created.json()) as { token: string }).token;
});
afterAll(async () => t?.close());

describe('the write scope on every write', () => {
  it('answers 403 to a read-scoped token (of an owner) for each write operation, with a message naming the scope', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .map((method) => ({ method: method.toUpperCase(), path }))
        .filter((op) => WRITE_METHODS.has(op.method)),
    );
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const { method, path } of writes) {
      const key = `${method} ${path}`;
      // Real ids where a path names the caller, so "it is my own" cannot be the way through.
      const concrete = path
        .replace('/users/{id}', `/users/${owner.id}`)
        .replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
      const body = method === 'DELETE' ? {} : { body: {} };
      const anonymous = await t.request(method, concrete, body);
      if (anonymous.status !== 401) continue; // public: auth-walk.int.test.ts keeps that list
      const response = await t.request(method, concrete, { token: readToken, ...body });
      if (READ_SCOPE_WRITES.has(key)) {
        expect(response.status, key).not.toBe(403);
        continue;
      }
      const error =
        response.status === 403
          ? ((await response.json()) as { error: { code: string; message: string } }).error
          : undefined;
      if (error?.code !== 'forbidden' || !error.message.includes('"write"'))
        wrong.push(`${key} → ${response.status} ${error?.message ?? ''}`);
      checked.push(key);
    }
    expect(wrong).toEqual([]);
    expect(checked).toEqual(
      expect.arrayContaining([
        'PATCH /api/v1/users/{id}',
        'POST /api/v1/calendars',
        'DELETE /api/v1/calendars/{id}',
        'POST /api/v1/tokens',
        'DELETE /api/v1/tokens/{id}',
      ]),
    );
    expect(checked.length).toBeGreaterThan(40);
  });

  it('refuses a read-scoped token changing its own name, time zone or password', async () => {
    // A responder: changing an owner needs the admin scope anyway, which would hide the gap.
    const responder = await t.createUserWithToken('responder');
    const made = await t.request('POST', '/api/v1/tokens', {
      token: responder.token,
      body: { name: 'read only', scopes: ['read'] },
    });
    const { token } = (await made.json()) as { token: string };
    for (const change of [
      { name: 'Renamed' },
      { timeZone: 'Europe/Paris' },
      { password: 'a new long password', currentPassword: TEST_PASSWORD },
    ]) {
      const response = await t.request('PATCH', `/api/v1/users/${responder.id}`, { token, body: change });
      expect(response.status, JSON.stringify(change)).toBe(403);
    }
    const me = (await (await t.request('GET', '/api/v1/auth/session', { token: responder.token })).json()) as {
      user: { name: string; timeZone: string };
    };
    expect(me.user.name).not.toBe('Renamed');
    expect(me.user.timeZone).toBe('UTC');
    // The same token still reads, and a write token still changes its own user.
    expect((await t.request('GET', `/api/v1/users/${responder.id}`, { token })).status).toBe(200);
    expect(
      (await t.request('PATCH', `/api/v1/users/${responder.id}`, { token: responder.token, body: { name: 'Renamed' } }))
        .status,
    ).toBe(200);
  });

  it('lets a read-scoped token read and preview', async () => {
    expect((await t.request('GET', '/api/v1/users', { token: readToken })).status).toBe(200);
    const preview = await t.request('POST', '/api/v1/schedules/preview', {
      token: readToken,
      body: {
        timeZone: 'UTC',
        layers: [
          {
            name: 'L',
            participants: [owner.id],
            shift: { length: 1, unit: 'weeks' },
            handoffTime: '09:00',
            startDate: '2026-01-05',
          },
        ],
      },
    });
    expect(preview.status).toBe(200);
  });
});
