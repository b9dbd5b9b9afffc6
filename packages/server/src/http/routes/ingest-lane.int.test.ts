/**
 * The ingest lane (http/front-door.ts, routes/ingest.routes.ts): plain ingest
 * requests are answered before Fastify, odd ones by the Fastify route, and
 * both answer every case the same way: the same status, body and headers.
 * A query string sends a request on to Fastify, so each case is sent both
 * ways and the answers compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { PD_BODY_LIMIT_BYTES } from './ingest.routes.js';

let t: TestApp;
/** Requests Fastify answered (its onResponse hook), by path. */
const reachedFastify: string[] = [];
let v2Key: string;
let webhookKey: string;

beforeAll(async () => {
  t = await startTestApp({
    config: { ingestRatePerMinute: 1_000 },
    tocsin: {
      extraRoutes: [
        (app) => {
          app.addHook('onResponse', async (request) => {
            reachedFastify.push(request.url.split('?')[0]!);
          });
        },
      ],
    },
  });
  const { id: userId } = await t.createUserWithToken('responder');
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 10, targets: [{ type: 'user', id: userId }] },
  ]);
  const serviceId = await insertService(t.app.db, t.clock, { policyId });
  v2Key = (await insertIntegrationKey(t.app.db, t.clock, serviceId)).routingKey;
  webhookKey = (await insertIntegrationKey(t.app.db, t.clock, serviceId, 'webhook')).routingKey;
});
afterAll(async () => t?.close());

interface Sent {
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

async function post({ path, body, headers }: Sent) {
  const response = await fetch(`${t.url}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  const kept = ['content-type', 'retry-after', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    headers: Object.fromEntries(kept.map((name) => [name, response.headers.get(name)])),
    requestId: response.headers.get('x-request-id'),
  };
}

/** The answers the lane and Fastify give to the same request; the dedup keys differ when each event is new. */
async function bothWays(sent: Sent) {
  const before = reachedFastify.length;
  const lane = await post(sent);
  const viaLane = reachedFastify.length === before;
  const fastify = await post({ ...sent, path: `${sent.path}?via=fastify` });
  expect(reachedFastify.length).toBe(before + 1);
  return { lane, fastify, viaLane };
}

const trigger = (routingKey: string, dedupKey?: string) =>
  JSON.stringify({
    routing_key: routingKey,
    event_action: 'trigger',
    ...(dedupKey && { dedup_key: dedupKey }),
    payload: { summary: 'disk full', source: 'db-1', severity: 'critical' },
  });

describe('the ingest lane', () => {
  it('answers a PagerDuty event before Fastify, as Fastify would, and stores it', async () => {
    const { lane, fastify, viaLane } = await bothWays({
      path: '/v2/enqueue',
      body: trigger(v2Key, 'lane-1'),
      headers: { 'content-type': 'application/json', 'x-request-id': 'sender-42' },
    });
    expect(viaLane).toBe(true);
    expect(lane).toEqual(fastify);
    expect(lane.status).toBe(202);
    expect(lane.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'lane-1' });
    expect(lane.requestId).toBe('sender-42');
    const stored = await t.app.db
      .selectFrom('inbound_events')
      .select('dedup_key')
      .where('dedup_key', '=', 'lane-1')
      .execute();
    expect(stored).toHaveLength(2);
  });

  const cases: Array<[string, () => Sent]> = [
    ['a body that is not JSON', () => ({ path: '/v2/enqueue', body: '{"routing_key":', headers: {} })],
    ['an empty body', () => ({ path: '/v2/enqueue', body: '', headers: { 'content-type': 'application/json' } })],
    [
      'an unknown routing key',
      () => ({ path: '/v2/enqueue', body: trigger('R0nobodyhasthiskey000000000000000'), headers: {} }),
    ],
    ['a key of another type', () => ({ path: '/v2/enqueue', body: trigger(webhookKey), headers: {} })],
    [
      'an event without a summary',
      () => ({
        path: '/v2/enqueue',
        body: JSON.stringify({ routing_key: v2Key, event_action: 'trigger', payload: { source: 'x' } }),
        headers: {},
      }),
    ],
    [
      'a NUL in the body',
      () => ({
        path: '/v2/enqueue',
        body: trigger(v2Key, 'nul\u0000key'),
        headers: { 'content-type': 'application/json' },
      }),
    ],
    [
      'a body over the limit',
      () => ({ path: '/v2/enqueue', body: Buffer.alloc(PD_BODY_LIMIT_BYTES + 10, 'a'), headers: {} }),
    ],
    [
      'a webhook event with its key in the path',
      () => ({
        path: `/api/v1/ingest/webhook/${webhookKey}`,
        body: JSON.stringify({ title: 'queue backed up', dedup: 'w-1' }),
        headers: { 'content-type': 'application/json' },
      }),
    ],
    [
      'a form-encoded webhook event',
      () => ({
        path: `/api/v1/ingest/webhook/${webhookKey}`,
        body: 'title=queue+backed+up',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ],
    [
      'a key in the path that no integration has',
      () => ({ path: '/api/v1/ingest/alertmanager/R0nobody', body: '{}', headers: {} }),
    ],
  ];
  for (const [name, sent] of cases) {
    it(`answers ${name} before Fastify, with what Fastify answers`, async () => {
      const { lane, fastify, viaLane } = await bothWays(sent());
      expect(viaLane).toBe(true);
      expect(lane.status).toBe(fastify.status);
      expect(lane.headers).toEqual(fastify.headers);
      // An accepted event without a dedup key is given a new one each time.
      if (lane.status === 202) expect(lane.body).toMatchObject({ status: 'accepted', events: 1 });
      else expect(lane.body).toEqual(fastify.body);
      expect(lane.status).not.toBe(500);
    });
  }

  it('leaves odd requests to Fastify: a cookie, an encoded key, a GET, a key longer than a path parameter', async () => {
    const before = reachedFastify.length;
    const withCookie = await post({ path: '/v2/enqueue', body: trigger(v2Key), headers: { cookie: 'a=%00' } });
    expect(withCookie.status).toBe(400);
    const encoded = await post({
      path: `/api/v1/ingest/webhook/${webhookKey.slice(0, 3)}%41${webhookKey.slice(4)}`,
      body: '{}',
    });
    expect(encoded.status).toBe(404);
    const get = await fetch(`${t.url}/v2/enqueue`);
    expect(get.status).toBe(401);
    expect(reachedFastify.length).toBe(before + 3);
    // Longer than Fastify's longest path parameter: Fastify's router answers 414 itself (before any
    // hook), where the lane would have said the key is unknown.
    const long = await post({ path: `/api/v1/ingest/webhook/${'a'.repeat(101)}`, body: '{}' });
    expect(long.status).toBe(414);
  });
});
