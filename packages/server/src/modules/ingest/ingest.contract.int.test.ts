/**
 * The contract every HTTP ingest source passes (STYLE.md: every ingest
 * source runs the same suite), through the whole server on real PostgreSQL:
 * a valid trigger and a resolve are stored as one row each; invalid
 * payloads, unknown keys, rotated keys and keys of the wrong type are
 * refused in the vendor's shape and store nothing; a flood is throttled; a
 * database that refuses gets 503 (retry) and nothing is ever a 500.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IntegrationType } from '../../db/schema.js';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import type { AlertSeverity } from '../services/index.js';
import { DATADOG_WEBHOOK_TEMPLATE } from './datadog.adapter.js';
import { keyChangesOf } from './routing-cache.js';

const RATE_PER_MINUTE = 20;

interface SourceKit {
  name: string;
  keyType: IntegrationType;
  settings?: Record<string, unknown>;
  url(routingKey: string): string;
  trigger(routingKey: string, dedupKey: string): unknown;
  /** What the stored trigger must hold. */
  expected: { summary: (dedupKey: string) => string; severity: AlertSeverity };
  resolve(routingKey: string, dedupKey: string): unknown;
  invalid(routingKey: string): unknown[];
  acceptedStatus: number;
  throttleStatus: number;
  /** What an unknown routing key gets: PagerDuty says 400, Tocsin's own paths 404. */
  unknownKeyStatus: number;
  /** PagerDuty's own body limit, and a trigger padded with `pad` to test it. */
  bodyLimit?: { bytes: number; padded(routingKey: string, dedupKey: string, pad: string): unknown };
  isAccepted(body: unknown, dedupKey: string): boolean;
  isError(body: unknown): boolean;
}

const pdError = (body: unknown) => {
  const b = body as { status?: unknown; message?: unknown; errors?: unknown };
  return (
    typeof b.status === 'string' && typeof b.message === 'string' && (b.errors === undefined || Array.isArray(b.errors))
  );
};
const tocsinError = (body: unknown) => {
  const e = (body as { error?: { code?: unknown; message?: unknown } }).error;
  return typeof e?.code === 'string' && typeof e.message === 'string';
};
const tocsinAccepted = (body: unknown, dedupKey: string) =>
  JSON.stringify(body) === JSON.stringify({ status: 'accepted', events: 1, dedupKeys: [dedupKey] });

const promAlert = (dedupKey: string, status: string) => ({
  status,
  labels: { alertname: 'DiskFull', instance: 'db1', severity: 'warning' },
  annotations: { summary: `Disk full ${dedupKey}` },
  startsAt: '2026-01-05T08:59:00Z',
  generatorURL: 'http://prometheus:9090/graph',
  fingerprint: dedupKey,
});
const promGroup = (dedupKey: string, status: string, extra: Record<string, unknown> = {}) => ({
  version: '4',
  receiver: 'tocsin',
  status,
  groupKey: 'g',
  groupLabels: {},
  commonLabels: {},
  commonAnnotations: {},
  externalURL: 'http://am:9093',
  alerts: [{ ...promAlert(dedupKey, status), ...extra }],
});
const datadog = (dedupKey: string, transition: string) => ({
  ...(JSON.parse(DATADOG_WEBHOOK_TEMPLATE) as object),
  aggreg_key: dedupKey,
  alert_id: '42',
  alert_transition: transition,
  alert_type: transition === 'Recovered' ? 'success' : 'error',
  alert_priority: 'P1',
  event_title: `Disk full ${dedupKey}`,
  link: 'https://app.datadoghq.com/monitors/42',
});

const KITS: SourceKit[] = [
  {
    name: 'PagerDuty Events API v2',
    keyType: 'events_v2',
    url: () => '/v2/enqueue',
    trigger: (rk, dedup) => ({
      routing_key: rk,
      event_action: 'trigger',
      dedup_key: dedup,
      payload: { summary: `Disk full ${dedup}`, source: 'db1', severity: 'critical' },
    }),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'critical' },
    resolve: (rk, dedup) => ({ routing_key: rk, event_action: 'resolve', dedup_key: dedup }),
    invalid: (rk) => [
      { routing_key: rk, event_action: 'trigger' },
      { routing_key: rk, event_action: 'resolve' },
      { routing_key: rk, event_action: 'trigger', payload: { summary: 'x', source: 'y', severity: 'bad' } },
    ],
    acceptedStatus: 202,
    throttleStatus: 429,
    unknownKeyStatus: 400,
    bodyLimit: {
      bytes: 512 * 1024,
      padded: (rk, dedup, pad) => ({
        routing_key: rk,
        event_action: 'trigger',
        dedup_key: dedup,
        payload: { summary: 'big', source: 'db1', severity: 'info', custom_details: { pad } },
      }),
    },
    isAccepted: (body, dedup) =>
      JSON.stringify(body) === JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: dedup }),
    isError: pdError,
  },
  {
    name: 'PagerDuty Events API v1',
    keyType: 'events_v2',
    url: () => '/generic/2010-04-15/create_event.json',
    trigger: (rk, dedup) => ({
      service_key: rk,
      event_type: 'trigger',
      incident_key: dedup,
      description: `Disk full ${dedup}`,
    }),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'critical' },
    resolve: (rk, dedup) => ({ service_key: rk, event_type: 'resolve', incident_key: dedup }),
    invalid: (rk) => [
      { service_key: rk, event_type: 'trigger' },
      { service_key: rk, event_type: 'acknowledge' },
    ],
    acceptedStatus: 200,
    throttleStatus: 403,
    unknownKeyStatus: 400,
    bodyLimit: {
      bytes: 512 * 1024,
      padded: (rk, dedup, pad) => ({
        service_key: rk,
        event_type: 'trigger',
        incident_key: dedup,
        description: 'big',
        details: { pad },
      }),
    },
    isAccepted: (body, dedup) =>
      JSON.stringify(body) === JSON.stringify({ status: 'success', message: 'Event processed', incident_key: dedup }),
    isError: pdError,
  },
  {
    name: 'Alertmanager',
    keyType: 'alertmanager',
    url: (rk) => `/api/v1/ingest/alertmanager/${rk}`,
    trigger: (_rk, dedup) => promGroup(dedup, 'firing'),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'warning' },
    resolve: (_rk, dedup) => promGroup(dedup, 'resolved'),
    invalid: () => [{ alerts: 'x' }, { alerts: [{ status: 'firing' }] }, {}],
    acceptedStatus: 202,
    throttleStatus: 429,
    unknownKeyStatus: 404,
    isAccepted: tocsinAccepted,
    isError: tocsinError,
  },
  {
    name: 'Grafana',
    keyType: 'grafana',
    url: (rk) => `/api/v1/ingest/grafana/${rk}`,
    trigger: (_rk, dedup) => ({
      ...promGroup(dedup, 'firing', { dashboardURL: 'https://grafana/d/1', values: { B: 1 } }),
      title: '[FIRING:1]',
      state: 'alerting',
    }),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'warning' },
    resolve: (_rk, dedup) => promGroup(dedup, 'resolved'),
    invalid: () => [{ ruleId: 1, state: 'alerting' }, { alerts: [{ status: 'pending', labels: {} }] }],
    acceptedStatus: 202,
    throttleStatus: 429,
    unknownKeyStatus: 404,
    isAccepted: tocsinAccepted,
    isError: tocsinError,
  },
  {
    name: 'Datadog',
    keyType: 'datadog',
    url: (rk) => `/api/v1/ingest/datadog/${rk}`,
    trigger: (_rk, dedup) => datadog(dedup, 'Triggered'),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'critical' },
    resolve: (_rk, dedup) => datadog(dedup, 'Recovered'),
    invalid: () => [{ alert_transition: 'Triggered' }, datadog('x', 'Muted')],
    acceptedStatus: 202,
    throttleStatus: 429,
    unknownKeyStatus: 404,
    isAccepted: tocsinAccepted,
    isError: tocsinError,
  },
  {
    name: 'Generic webhook',
    keyType: 'webhook',
    url: (rk) => `/api/v1/ingest/webhook/${rk}`,
    settings: {
      summary: 'alert.title',
      dedupKey: 'alert.id',
      severity: 'level',
      action: { path: 'state', trigger: ['firing'], resolve: ['ok'] },
    },
    trigger: (_rk, dedup) => ({ alert: { title: `Disk full ${dedup}`, id: dedup }, level: 'info', state: 'firing' }),
    expected: { summary: (d) => `Disk full ${d}`, severity: 'info' },
    resolve: (_rk, dedup) => ({ alert: { title: 'fine', id: dedup }, state: 'ok' }),
    invalid: () => [{ alert: { id: 'no-title' } }, { alert: { title: 't', id: 'x' }, state: 'weird' }],
    acceptedStatus: 202,
    throttleStatus: 429,
    unknownKeyStatus: 404,
    isAccepted: tocsinAccepted,
    isError: tocsinError,
  },
];

let t: TestApp;
let admin: string;
let serviceId: string;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp({ config: { ingestRatePerMinute: RATE_PER_MINUTE } });
  admin = (await t.createUserWithToken('admin')).token;
  serviceId = await insertService(t.app.db, t.clock, { policyId: await insertPolicy(t.app.db, t.clock, []) });
});
afterAll(async () => t?.close());

const stored = (keyId: string) =>
  t.app.db.selectFrom('inbound_events').selectAll().where('integration_key_id', '=', keyId).orderBy('id').execute();
const send = async (path: string, body: unknown, headers?: Record<string, string>) => {
  const response = await t.request('POST', path, { body, headers });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, body: json, retryAfter: response.headers.get('retry-after') };
};

/** Stops the database from taking connections (and drops the open ones) while `work` runs. */
async function withDatabaseDown<T>(work: () => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  const name = t.database.name;
  try {
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    // Let the pool see its connections die first: a query sent on a dying
    // connection is a different failure (and pg emits an unhandled error for it).
    await expect.poll(() => t.app.pool.totalCount).toBe(0);
    return await work();
  } finally {
    await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    await admin.end();
  }
}

describe.each(KITS)('ingest contract: $name', (kit) => {
  const newKey = (type: IntegrationType = kit.keyType) =>
    insertIntegrationKey(t.app.db, t.clock, serviceId, type, kit.settings ?? {});
  const dedup = () => `dedup-${++counter}`;

  it("stores a valid trigger as one event with the key, action, dedup key, summary and severity, and says so in the vendor's shape", async () => {
    const key = await newKey();
    const d = dedup();
    const response = await send(kit.url(key.routingKey), kit.trigger(key.routingKey, d));
    expect(response.status).toBe(kit.acceptedStatus);
    expect(kit.isAccepted(response.body, d), JSON.stringify(response.body)).toBe(true);
    const rows = await stored(key.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'trigger',
      dedup_key: d,
      alert: { summary: kit.expected.summary(d), severity: kit.expected.severity },
    });
  });

  it('stores a resolve', async () => {
    const key = await newKey();
    const d = dedup();
    const response = await send(kit.url(key.routingKey), kit.resolve(key.routingKey, d));
    expect(response.status).toBe(kit.acceptedStatus);
    expect((await stored(key.id)).map((r) => [r.action, r.dedup_key])).toEqual([['resolve', d]]);
  });

  it("refuses invalid payloads with a 4xx in the vendor's shape, storing nothing", async () => {
    const key = await newKey();
    for (const body of kit.invalid(key.routingKey)) {
      const response = await send(kit.url(key.routingKey), body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(kit.isError(response.body), JSON.stringify(response.body)).toBe(true);
    }
    expect(await stored(key.id)).toHaveLength(0);
  });

  it('refuses an unknown routing key', async () => {
    const routingKey = 'f'.repeat(32);
    const response = await send(kit.url(routingKey), kit.trigger(routingKey, dedup()));
    expect(response.status).toBe(kit.unknownKeyStatus);
    expect(kit.isError(response.body)).toBe(true);
  });

  it('refuses a routing key once it is rotated, at once, and takes the new one', async () => {
    const key = await newKey();
    // Remembered from here on: the node hears key changes (and the clock stands still).
    await expect.poll(() => keyChangesOf(t.app.db).version).toBeDefined();
    expect((await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()))).status).toBe(kit.acceptedStatus);
    const rotated = await t.request('POST', `/api/v1/services/${serviceId}/integration-keys/${key.id}/rotate`, {
      token: admin,
    });
    expect(rotated.status).toBe(200);
    const { routingKey } = (await rotated.json()) as { routingKey: string };
    const refused = await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()));
    expect(refused.status).toBe(kit.unknownKeyStatus);
    expect(kit.isError(refused.body)).toBe(true);
    expect((await send(kit.url(routingKey), kit.trigger(routingKey, dedup()))).status).toBe(kit.acceptedStatus);
    expect(await stored(key.id)).toHaveLength(2);
  });

  it('refuses a key of another type, naming the URL that key takes', async () => {
    const key = await newKey('heartbeat');
    const response = await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()));
    expect(response.status).toBe(400);
    expect(kit.isError(response.body)).toBe(true);
    expect(JSON.stringify(response.body)).toContain(`/api/v1/heartbeat/${key.routingKey}`);
    expect(await stored(key.id)).toHaveLength(0);
  });

  it('accepts events for a disabled service, as PagerDuty does (the alerts processor drops them)', async () => {
    const disabledService = await insertService(t.app.db, t.clock, {
      policyId: await insertPolicy(t.app.db, t.clock, []),
    });
    await t.app.db.updateTable('services').set({ is_disabled: true }).where('id', '=', disabledService).execute();
    const key = await insertIntegrationKey(t.app.db, t.clock, disabledService, kit.keyType, kit.settings ?? {});
    const response = await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()));
    expect(response.status).toBe(kit.acceptedStatus);
    expect(await stored(key.id)).toHaveLength(1);
  });

  it(`throttles a flood past ${RATE_PER_MINUTE} events a minute per key, in the vendor's shape with Retry-After`, async () => {
    const key = await newKey();
    const other = await newKey();
    for (let i = 0; i < RATE_PER_MINUTE; i++)
      expect((await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()))).status).toBe(
        kit.acceptedStatus,
      );
    const throttled = await send(kit.url(key.routingKey), kit.trigger(key.routingKey, dedup()));
    expect(throttled.status).toBe(kit.throttleStatus);
    expect(kit.isError(throttled.body)).toBe(true);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect(await stored(key.id)).toHaveLength(RATE_PER_MINUTE);
    expect((await send(kit.url(other.routingKey), kit.trigger(other.routingKey, dedup()))).status).toBe(
      kit.acceptedStatus,
    ); // per key
  });

  it("answers 503 in the vendor's shape when the database refuses, and stores the retried event once it is back", async () => {
    const warm = await newKey();
    const cold = await newKey();
    await send(kit.url(warm.routingKey), kit.trigger(warm.routingKey, dedup())); // its routing is now cached
    const d = dedup();
    const [warmResponse, coldResponse] = await withDatabaseDown(async () => [
      await send(kit.url(warm.routingKey), kit.trigger(warm.routingKey, d)),
      await send(kit.url(cold.routingKey), kit.trigger(cold.routingKey, d)),
    ]);
    for (const response of [warmResponse!, coldResponse!]) {
      expect(response.status).toBe(503);
      expect(kit.isError(response.body)).toBe(true);
    }
    expect((await send(kit.url(cold.routingKey), kit.trigger(cold.routingKey, d))).status).toBe(kit.acceptedStatus);
    expect((await stored(cold.id)).map((r) => r.dedup_key)).toEqual([d]);
  });

  it('never answers 500, whatever the body or content type', async () => {
    const key = await newKey();
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const bodies: Array<[string, string | undefined]> = [
      ['', 'application/json'],
      ['not json', 'application/json'],
      ['null', undefined],
      ['[]', 'text/plain'],
      ['"text"', 'application/json'],
      ['42', 'application/json'],
      ['{}', 'application/json'],
      ['{"__proto__":{"polluted":1}}', 'application/json'],
      [deep, 'application/json'],
      ['a=1&b=2', 'application/x-www-form-urlencoded'],
      ['{"routing_key":null}', 'application/json'],
      ['x'.repeat(1_100_000), 'application/json'],
    ];
    for (const [body, type] of bodies) {
      const response = await send(kit.url(key.routingKey), body, type ? { 'content-type': type } : {});
      expect(response.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(response.status, body.slice(0, 40)).toBeLessThan(500);
      expect(kit.isError(response.body), JSON.stringify(response.body).slice(0, 200)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await stored(key.id)).toHaveLength(0);
  });

  it('takes a valid event whatever the Content-Type says, or none', async () => {
    const key = await newKey();
    for (const type of ['text/plain', 'application/octet-stream', 'application/json; charset=utf-8', '']) {
      const response = await send(kit.url(key.routingKey), JSON.stringify(kit.trigger(key.routingKey, dedup())), {
        'content-type': type,
      });
      expect(response.status, type).toBe(kit.acceptedStatus);
    }
    const bytes = new TextEncoder().encode(JSON.stringify(kit.trigger(key.routingKey, dedup())));
    const untyped = await fetch(`${t.url}${kit.url(key.routingKey)}`, { method: 'POST', body: bytes });
    expect(untyped.status, 'no Content-Type header').toBe(kit.acceptedStatus);
    expect(await stored(key.id)).toHaveLength(5);
  });
});

describe.each(KITS.filter((kit) => kit.bodyLimit))('ingest body limit: $name', (kit) => {
  it("takes a body up to PagerDuty's limit (512 KB) and refuses one past it with 413, storing nothing", async () => {
    const { bytes, padded } = kit.bodyLimit!;
    const key = await insertIntegrationKey(t.app.db, t.clock, serviceId, kit.keyType);
    let n = 0;
    const dedup = () => `limit-${++n}`;
    const sized = (total: number) => {
      const d = dedup();
      const bare = JSON.stringify(padded(key.routingKey, d, '')).length;
      return { d, body: JSON.stringify(padded(key.routingKey, d, 'x'.repeat(total - bare))) };
    };
    const under = sized(bytes - 1024);
    expect((await send(kit.url(key.routingKey), under.body, { 'content-type': 'application/json' })).status).toBe(
      kit.acceptedStatus,
    );
    const over = sized(bytes + 1024);
    const refused = await send(kit.url(key.routingKey), over.body, { 'content-type': 'application/json' });
    expect(refused.status).toBe(413);
    expect(kit.isError(refused.body)).toBe(true);
    expect((await stored(key.id)).map((row) => row.dedup_key)).toEqual([under.d]);
  });
});

describe('the raw payload', () => {
  it('is stored as the JSON text the sender sent: numbers past double precision kept exactly, layout aside', async () => {
    const key = await insertIntegrationKey(t.app.db, t.clock, serviceId, 'events_v2');
    const text = `{
      "routing_key": "${key.routingKey}", "event_action": "trigger", "dedup_key": "raw-exact",
      "payload": { "summary": "Disk full", "source": "db-1", "severity": "critical",
                   "custom_details": { "bytes": 12345678901234567890123, "ratio": 0.1000000000000000055511151231257827 } }
    }`;
    expect((await send('/v2/enqueue', text, { 'content-type': 'application/json' })).status).toBe(202);
    const { rows } = await t.app.pool.query<{ bytes: string; ratio: string; raw: unknown }>(
      `SELECT raw #>> '{payload,custom_details,bytes}' AS bytes, raw #>> '{payload,custom_details,ratio}' AS ratio, raw
         FROM inbound_events WHERE integration_key_id = $1`,
      [key.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.bytes).toBe('12345678901234567890123');
    expect(rows[0]!.ratio).toBe('0.1000000000000000055511151231257827');
    expect(rows[0]!.raw).toMatchObject({
      routing_key: key.routingKey,
      dedup_key: 'raw-exact',
      event_action: 'trigger',
    });
  });

  it('of a form-encoded body is the form as an object', async () => {
    const key = await insertIntegrationKey(t.app.db, t.clock, serviceId, 'webhook', {
      summary: 'title',
      dedupKey: 'id',
    });
    const form = new URLSearchParams({ title: 'Disk full', id: 'form-1' }).toString();
    const response = await send(`/api/v1/ingest/webhook/${key.routingKey}`, form, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(202);
    expect((await stored(key.id)).map((row) => row.raw)).toEqual([{ title: 'Disk full', id: 'form-1' }]);
  });
});
