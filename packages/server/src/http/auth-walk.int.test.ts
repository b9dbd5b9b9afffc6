/**
 * Every route in the OpenAPI document answers 401 without credentials, except
 * the ones meant to be public. A new route that forgets authentication fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';

const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'GET /api/v1/auth/methods',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/oidc/login',
  'GET /api/v1/auth/oidc/callback',
  // Calendar feeds: the secret is in the URL, for calendar apps that cannot sign in.
  'GET /api/v1/calendars/{file}',
  // Analytics share links: the secret is in the URL, for customers without an account.
  'GET /api/v1/shared/analytics/{token}',
  // Alerts in: senders authenticate with the routing key in the path or body.
  'POST /v2/enqueue',
  'POST /generic/2010-04-15/create_event.json',
  'POST /api/v1/ingest/alertmanager/{routingKey}',
  'POST /api/v1/ingest/grafana/{routingKey}',
  'POST /api/v1/ingest/datadog/{routingKey}',
  'POST /api/v1/ingest/webhook/{routingKey}',
  'GET /api/v1/heartbeat/{routingKey}',
  'POST /api/v1/heartbeat/{routingKey}',
  // Status page sign-up: the public subscribes by email (double opt-in, rate-limited).
  'POST /api/v1/status-pages/{id}/subscribe',
]);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('authentication on every route', () => {
  it('answers 401 with the error shape for each private route, and not for public ones', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(10);
    const checkedPrivate: string[] = [];
    for (const { method, path } of routes) {
      const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-7000-8000-000000000000');
      const response = await t.request(method, concrete, method === 'GET' || method === 'DELETE' ? {} : { body: {} });
      const key = `${method} ${path}`;
      if (PUBLIC.has(key)) {
        expect(response.status, key).not.toBe(401);
        continue;
      }
      expect(response.status, key).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, key).toBe('unauthenticated');
      expect(body.error.message, key).toMatch(/Bearer|Sign in/);
      checkedPrivate.push(key);
    }
    expect(checkedPrivate).toContain('GET /api/v1/users');
    expect(checkedPrivate).toContain('GET /api/v1/audit');
  });

  it('lets public routes judge a non-Bearer Authorization header themselves (vendors send basic auth)', async () => {
    const response = await t.request('POST', '/v2/enqueue', {
      body: { routing_key: 'x'.repeat(32), event_action: 'trigger' },
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(response.status).toBe(400); // the vendor's own "invalid event", not our 401
    expect(((await response.json()) as { status: string }).status).toBe('invalid event');
    const privateRoute = await t.request('GET', '/api/v1/users', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(privateRoute.status).toBe(401);
  });

  it('rejects a wrong token, an expired token and a malformed header with a message that says why', async () => {
    const wrong = await t.request('GET', '/api/v1/users', { token: 'tcs_not-a-real-token' });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/not valid/);

    const user = await t.createUserWithToken('responder');
    const created = await t.request('POST', '/api/v1/tokens', {
      token: user.token,
      body: { name: 'short', expiresInDays: 1 },
    });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect((await t.request('GET', '/api/v1/users', { token })).status).toBe(200);
    t.clock.advance(2 * 86_400_000);
    const expired = await t.request('GET', '/api/v1/users', { token });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);

    const malformed = await t.request('GET', '/api/v1/users', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toMatch(/Bearer/);
  });

  it('serves the OpenAPI document and the browsable docs without credentials', async () => {
    const doc = await t.request('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const body = (await doc.json()) as { openapi: string; info: { title: string } };
    expect(body.openapi).toMatch(/^3\./);
    expect(body.info.title).toBe('Tocsin API');
    const docs = await fetch(`${t.url}/api/docs/`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
