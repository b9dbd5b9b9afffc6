/**
 * Integration keys over the API: each type with its settings checked, a
 * routing key of 32 random hex characters, the copy-paste URLs built from the
 * public URL (and the inbound-email domain), a heartbeat row for heartbeat
 * keys, rotation that retires the old routing key, names unique per service
 * and type, responders and up read, admins write, and the audit log never
 * holding a whole routing key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { listAudit } from '../audit/index.js';
import { findRoutedKey } from './integration-keys.repo.js';

let t: TestApp;
let admin: string;
let responder: string;
let viewer: string;
let serviceId: string;

beforeAll(async () => {
  t = await startTestApp({
    config: {
      publicUrl: 'https://tocsin.example.com',
      providers: {
        email: undefined,
        inboundSmtp: { host: '127.0.0.1', port: 0, domain: 'alerts.example.com' },
        twilio: undefined,
        slack: undefined,
      },
    },
  });
  admin = (await t.createUserWithToken('admin')).token;
  const bob = await t.createUserWithToken('responder');
  responder = bob.token;
  viewer = (await t.createUserWithToken('viewer')).token;
  const policyId = await insertPolicy(t.app.db, t.clock, [
    { delayMinutes: 15, targets: [{ type: 'user', id: bob.id }] },
  ]);
  serviceId = await insertService(t.app.db, t.clock, { policyId, slug: 'checkout' });
});
afterAll(async () => t?.close());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const create = (body: unknown, token = admin) =>
  t.request('POST', '/api/v1/services/checkout/integration-keys', { token, body });
const HEX32 = /^[0-9a-f]{32}$/;

describe('integration keys', () => {
  it('creates a key of each type with a unique 32-hex routing key and the URLs to paste', async () => {
    const bodies = [
      { type: 'events_v2' },
      { type: 'alertmanager', name: 'Prometheus' },
      { type: 'grafana' },
      { type: 'datadog' },
      {
        type: 'webhook',
        settings: { summary: 'title', dedupKey: 'id', action: { path: 'state', trigger: ['firing'], resolve: ['ok'] } },
      },
      { type: 'email', settings: { dedupRule: { regex: 'host=(\\S+)' } } },
      { type: 'heartbeat', name: 'Nightly backup', settings: { intervalSeconds: 3600 } },
    ];
    const keys: Array<Record<string, any>> = [];
    for (const body of bodies) {
      const response = await create(body);
      expect(response.status, body.type).toBe(201);
      keys.push(await json(response));
    }
    expect(keys.every((k) => HEX32.test(k.routingKey))).toBe(true);
    expect(new Set(keys.map((k) => k.routingKey)).size).toBe(keys.length);
    const [events, alertmanager, grafana, datadog, webhook, email, heartbeat] = keys as Array<Record<string, any>>;
    expect(events).toMatchObject({ name: 'Events API v2', settings: {} });
    expect(events!.endpoints.map((e: { value: string }) => e.value)).toEqual([
      'https://tocsin.example.com/v2/enqueue',
      'https://tocsin.example.com/generic/2010-04-15/create_event.json',
    ]);
    expect(alertmanager).toMatchObject({
      name: 'Prometheus',
      endpoints: [
        { kind: 'url', value: `https://tocsin.example.com/api/v1/ingest/alertmanager/${alertmanager!.routingKey}` },
      ],
    });
    expect(grafana!.endpoints[0].value).toBe(`https://tocsin.example.com/api/v1/ingest/grafana/${grafana!.routingKey}`);
    expect(datadog!.endpoints[0].value).toBe(`https://tocsin.example.com/api/v1/ingest/datadog/${datadog!.routingKey}`);
    expect(webhook!.endpoints[0].value).toBe(`https://tocsin.example.com/api/v1/ingest/webhook/${webhook!.routingKey}`);
    expect(email).toMatchObject({
      settings: { dedupRule: { regex: 'host=(\\S+)' } },
      endpoints: [{ kind: 'email', value: `${email!.routingKey}@alerts.example.com` }],
    });
    expect(heartbeat!.endpoints[0].value).toBe(`https://tocsin.example.com/api/v1/heartbeat/${heartbeat!.routingKey}`);

    const routed = await findRoutedKey(t.app.db, webhook!.routingKey);
    expect(routed).toMatchObject({
      key: { id: webhook!.id, type: 'webhook', settings: { summary: 'title' } },
      service: { id: serviceId, slug: 'checkout' },
    });
  });

  it('creates the heartbeat of a heartbeat key, due one interval from now and not failing', async () => {
    const list = await json(await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: responder }));
    const key = list.items.find((k: { type: string }) => k.type === 'heartbeat');
    const expectedDue = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    expect(key.heartbeat).toEqual({
      intervalSeconds: 3600,
      lastPingAt: null,
      nextDueAt: expectedDue,
      isFailing: false,
    });
    const row = await t.app.db
      .selectFrom('heartbeats')
      .selectAll()
      .where('integration_key_id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ interval_seconds: 3600, is_failing: false, next_due_at: new Date(expectedDue) });

    t.clock.advanceMinutes(10);
    const updated = await json(
      await t.request('PATCH', `/api/v1/services/checkout/integration-keys/${key.id}`, {
        token: admin,
        body: { settings: { intervalSeconds: 600 } },
      }),
    );
    expect(updated.heartbeat).toMatchObject({
      intervalSeconds: 600,
      nextDueAt: new Date(t.clock.now().getTime() + 600_000).toISOString(),
    });
  });

  it.each([
    [{ type: 'webhook', settings: { summary: 'title' } }, 'dedupKey'],
    [{ type: 'webhook', settings: { summary: 'title..x', dedupKey: 'id' } }, 'must be a dotted JSON path'],
    [
      {
        type: 'webhook',
        settings: { summary: 'a', dedupKey: 'b', action: { path: 's', trigger: ['x'], resolve: ['x'] } },
      },
      'cannot both trigger and resolve',
    ],
    [{ type: 'email', settings: { dedupRule: { regex: '(' } } }, 'is not a valid regular expression'],
    [{ type: 'email', settings: { dedupRule: 'sender' } }, 'body.settings.dedupRule'],
    [{ type: 'heartbeat', settings: { intervalSeconds: 59 } }, 'must be at least 60 seconds'],
    [{ type: 'heartbeat', settings: { intervalSeconds: 604_801 } }, 'at most 604800 seconds'],
    [{ type: 'events_v2', settings: { anything: 1 } }, 'this type of key has no settings'],
    [{ type: 'pagerduty' }, 'body.type'],
  ])('refuses %j', async (body, message) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain(message);
  });

  it('checks replaced settings against the key type', async () => {
    const list = await json(await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: admin }));
    const webhook = list.items.find((k: { type: string }) => k.type === 'webhook');
    const response = await t.request('PATCH', `/api/v1/services/checkout/integration-keys/${webhook.id}`, {
      token: admin,
      body: { settings: { summary: 'x' } },
    });
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toContain('Invalid webhook key settings: dedupKey');
  });

  it('refuses a second key of the same type and name on a service', async () => {
    const response = await create({ type: 'grafana', name: 'GRAFANA' });
    expect(response.status).toBe(409);
    expect((await json(response)).error.message).toBe(
      'Service checkout already has a grafana key named "Grafana": give this one another name',
    );
    expect((await create({ type: 'grafana', name: 'Grafana staging' })).status).toBe(201);
  });

  it('rotates a routing key: a new one routes, the old one no longer does, and the audit log keeps neither whole', async () => {
    const list = await json(await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: admin }));
    const key = list.items.find((k: { type: string }) => k.type === 'events_v2');
    const response = await t.request('POST', `/api/v1/services/checkout/integration-keys/${key.id}/rotate`, {
      token: admin,
    });
    expect(response.status).toBe(200);
    const rotated = await json(response);
    expect(rotated.routingKey).toMatch(HEX32);
    expect(rotated.routingKey).not.toBe(key.routingKey);
    expect(await findRoutedKey(t.app.db, key.routingKey)).toBeUndefined();
    expect((await findRoutedKey(t.app.db, rotated.routingKey))?.key.id).toBe(key.id);

    const audit = await listAudit(t.ctx, { entityType: 'integration_key', entityId: key.id, limit: 10 });
    expect(audit.map((a) => a.action)).toEqual(['integration_key.rotated', 'integration_key.created']);
    expect(audit[0]).toMatchObject({
      before: { routingKeyEnd: key.routingKey.slice(-4) },
      after: { routingKeyEnd: rotated.routingKey.slice(-4) },
    });
    expect(JSON.stringify(audit)).not.toContain(key.routingKey);
    expect(JSON.stringify(audit)).not.toContain(rotated.routingKey);
  });

  it('lets responders read keys but not viewers; only admins write', async () => {
    expect((await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: viewer })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: responder })).status).toBe(
      200,
    );
    const forbidden = await create({ type: 'datadog', name: 'Mine' }, responder);
    expect(forbidden.status).toBe(403);
    expect((await json(forbidden)).error.message).toContain('cannot create integration keys');
  });

  it('deletes a key, which then routes nothing', async () => {
    const list = await json(await t.request('GET', '/api/v1/services/checkout/integration-keys', { token: admin }));
    const key = list.items.find((k: { type: string }) => k.type === 'datadog');
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/integration-keys/${key.id}`, { token: responder })).status,
    ).toBe(403);
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/integration-keys/${key.id}`, { token: admin })).status,
    ).toBe(204);
    expect(await findRoutedKey(t.app.db, key.routingKey)).toBeUndefined();
    expect(
      (await t.request('DELETE', `/api/v1/services/checkout/integration-keys/${key.id}`, { token: admin })).status,
    ).toBe(404);
    const [entry] = await listAudit(t.ctx, { entityType: 'integration_key', entityId: key.id, limit: 1 });
    expect(entry?.action).toBe('integration_key.deleted');
  });
});
