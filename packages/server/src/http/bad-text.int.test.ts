/**
 * NUL characters and lone surrogates are refused at the edge with a 400 that
 * names the field, wherever they hide (path, query, cookies, JSON at any depth,
 * form bodies, ingest bodies), never a 503 that makes a sender retry forever
 * and never PostgreSQL's own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/app.js';

let t: TestApp;
let owner: { token: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.createUserWithToken('owner');
});
afterAll(async () => t?.close());

const DATABASE_TEXT = /invalid byte sequence|unsupported Unicode|violates|syntax error|relation|duplicate key|0x00/i;

async function expectRefused(response: Response, field: string) {
  const text = await response.text();
  expect(response.status, text).toBe(400);
  expect(response.headers.get('retry-after')).toBeNull();
  expect(text).not.toMatch(DATABASE_TEXT);
  expect(text).toContain(field);
  return JSON.parse(text) as Record<string, unknown>;
}

describe('NUL and lone surrogates', () => {
  it("PagerDuty v2: a NUL in routing_key is an invalid event in PagerDuty's shape, not a 503", async () => {
    const response = await t.request('POST', '/v2/enqueue', {
      body: {
        routing_key: 'abc\u0000',
        event_action: 'trigger',
        payload: { summary: 's', source: 'x', severity: 'critical' },
      },
    });
    const body = await expectRefused(response, 'body.routing_key');
    expect(body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
  });

  it('PagerDuty v1: a NUL in service_key is refused the same way', async () => {
    const response = await t.request('POST', '/generic/2010-04-15/create_event.json', {
      body: { service_key: '\u0000', event_type: 'trigger', description: 'd' },
    });
    const body = await expectRefused(response, 'body.service_key');
    expect(body).toMatchObject({ status: 'invalid event' });
  });

  it('a lone surrogate deep in an ingest body is refused', async () => {
    const response = await t.request('POST', '/v2/enqueue', {
      body: {
        routing_key: 'k',
        event_action: 'trigger',
        payload: { summary: 's', source: 'x', severity: 'critical', custom_details: { a: ['\ud800'] } },
      },
    });
    await expectRefused(response, 'body.payload.custom_details.a.0');
  });

  it.each(['/api/v1/heartbeat/%00', '/api/v1/ingest/alertmanager/%00', '/api/v1/ingest/grafana/%00'])(
    'path %s is a 400 naming the routing key',
    async (path) => {
      const response = await t.request('POST', path, { body: {} });
      const body = await expectRefused(response, 'params.routingKey');
      expect(body).toMatchObject({ error: { code: 'validation_failed' } });
    },
  );

  it('a team name with a NUL names the field, not the database encoding', async () => {
    const response = await t.request('POST', '/api/v1/teams', {
      token: owner.token,
      body: { slug: 'nul', name: 'a\u0000b' },
    });
    const body = await expectRefused(response, 'body.name');
    expect(body).toMatchObject({ error: { code: 'validation_failed', details: { issues: [{ path: 'body.name' }] } } });
  });

  it('a lone surrogate in a JSON body and a NUL in an object key are refused', async () => {
    await expectRefused(
      await t.request('POST', '/api/v1/teams', { token: owner.token, body: { slug: 'sur', name: 'x\udc00' } }),
      'body.name',
    );
    await expectRefused(
      await t.request('POST', '/api/v1/teams', { token: owner.token, body: '{"slug":"k","name":"n","a\\u0000":1}' }),
      'body.a\\\\u0000',
    );
  });

  it('query strings, path ids and cookies', async () => {
    await expectRefused(
      await t.request('GET', '/api/v1/audit?entityType=%00', { token: owner.token }),
      'query.entityType',
    );
    await expectRefused(await t.request('GET', '/api/v1/users/%00', { token: owner.token }), 'params.id');
    // A session cookie is looked up in the database before any route runs.
    await expectRefused(
      await t.request('GET', '/api/v1/teams', { headers: { cookie: 'tocsin_session=%00' } }),
      'cookies.tocsin_session',
    );
    const ingest = await t.request('POST', '/v2/enqueue', {
      body: { routing_key: 'k' },
      headers: { cookie: 'tocsin_session=%00' },
    });
    expect(await expectRefused(ingest, 'cookies.tocsin_session')).toMatchObject({ status: 'invalid event' });
  });

  it('form bodies (Twilio callbacks) are decoded and checked', async () => {
    const response = await t.request('POST', '/api/v1/providers/twilio/sms', {
      body: 'From=%2B15550100&Body=ack%00',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expectRefused(response, 'body.Body');
  });
});
