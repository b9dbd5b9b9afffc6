/**
 * Bad input gets a 4xx with the one error shape and a message that says what
 * to fix; never a 500, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';

let t: TestApp;
let admin: { token: string };

beforeAll(async () => {
  t = await startTestApp({ config: { bodyLimitBytes: 4096 } });
  admin = await t.createUserWithToken('admin');
});
afterAll(async () => t?.close());

async function expectError(response: Response, status: number, code: string, message: RegExp) {
  expect(response.status).toBe(status);
  const text = await response.text();
  expect(text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack frames
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
  return body;
}

describe('bad input', () => {
  it('malformed JSON', async () => {
    const response = await t.request('POST', '/api/v1/teams', { token: admin.token, body: '{"slug": "x",' });
    await expectError(response, 400, 'bad_request', /not valid JSON/);
  });

  it('wrong types name the field', async () => {
    const response = await t.request('POST', '/api/v1/teams', { token: admin.token, body: { slug: 42, name: 'X' } });
    const body = await expectError(response, 400, 'validation_failed', /slug/);
    expect(JSON.stringify(body)).toContain('slug');
  });

  it('unknown fields are refused, by name', async () => {
    const response = await t.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { slug: 'ok', name: 'X', colour: 'red' },
    });
    await expectError(response, 400, 'validation_failed', /colour/);
  });

  it('unknown query parameters are refused', async () => {
    const response = await t.request('GET', '/api/v1/users?limit=5', { token: admin.token });
    await expectError(response, 400, 'validation_failed', /limit/);
  });

  it('a slug that breaks the rules says what a good one looks like', async () => {
    const response = await t.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { slug: 'Bad Slug', name: 'X' },
    });
    await expectError(response, 400, 'validation_failed', /lowercase/);
  });

  it('oversize bodies get 413 with the limit', async () => {
    const response = await t.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { slug: 'big', name: 'X', description: 'x'.repeat(10_000) },
    });
    await expectError(response, 413, 'payload_too_large', /4096 bytes/);
  });

  it('a non-JSON content type gets 415', async () => {
    const response = await t.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: 'slug=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectError(response, 415, 'unsupported_media_type', /application\/json/);
  });

  it('an invalid path id is a 404 with the id, not a 500', async () => {
    const response = await t.request('GET', '/api/v1/users/not-a-uuid', { token: admin.token });
    await expectError(response, 404, 'not_found', /not-a-uuid/);
  });

  it('a missing role is 403 and names the role needed', async () => {
    const viewer = await t.createUserWithToken('viewer');
    const response = await t.request('POST', '/api/v1/teams', {
      token: viewer.token,
      body: { slug: 'nope', name: 'Nope' },
    });
    await expectError(response, 403, 'forbidden', /admin role/);
    const audit = await t.request('GET', '/api/v1/audit', { token: viewer.token });
    await expectError(audit, 403, 'forbidden', /audit log/);
  });

  it('a token without the scope is 403 and names the scope', async () => {
    // A write token (a read one stops at the edge: scope-walk.int.test.ts): the use case names the admin scope.
    const created = await t.request('POST', '/api/v1/tokens', {
      token: admin.token,
      body: { name: 'rw', scopes: ['write'] },
    });
    const { token } = (await created.json()) as { token: string };
    expect((await t.request('GET', '/api/v1/teams', { token })).status).toBe(200);
    const response = await t.request('POST', '/api/v1/teams', { token, body: { slug: 'ro', name: 'RO' } });
    await expectError(response, 403, 'forbidden', /"admin" scope/);
  });

  it('an unknown route is a 404 in the same shape', async () => {
    const response = await t.request('GET', '/api/v1/nothing-here', { token: admin.token });
    await expectError(response, 404, 'not_found', /No route/);
  });

  it('a duplicate is a 409 that names it', async () => {
    await t.request('POST', '/api/v1/teams', { token: admin.token, body: { slug: 'dup', name: 'Dup' } });
    const response = await t.request('POST', '/api/v1/teams', {
      token: admin.token,
      body: { slug: 'dup', name: 'Dup' },
    });
    await expectError(response, 409, 'conflict', /dup/);
  });

  it('request ids: echoed when sane, generated otherwise', async () => {
    const echoed = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const generated = await t.request('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
