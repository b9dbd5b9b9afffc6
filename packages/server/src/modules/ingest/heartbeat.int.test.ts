/**
 * Heartbeat monitors on real PostgreSQL with a fake clock: silence past the
 * interval triggers one alert (once, however many nodes check), a ping
 * resolves it and pushes the deadline out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { startTestApp } from '../../test-support/app.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { createHeartbeatReconciler } from './heartbeat.reconciler.js';
import { createIngestEdge } from './ingest.service.js';

let database: TestDatabase;
const clock = new FakeClock('2026-03-02T10:00:00Z');
let serviceId: string;

beforeAll(async () => {
  database = await createTestDatabase({ maxConnections: 8 });
  serviceId = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
  edge = createIngestEdge({ db: database.db, clock, ratePerMinute: 1000 });
});
afterAll(async () => database?.drop());

/** A heartbeat key as the services module creates it: due one interval from now. */
async function heartbeatKey(intervalSeconds = 300) {
  const key = await insertIntegrationKey(database.db, clock, serviceId, 'heartbeat', { intervalSeconds });
  await database.db
    .insertInto('heartbeats')
    .values({
      integration_key_id: key.id,
      interval_seconds: intervalSeconds,
      last_ping_at: null,
      next_due_at: new Date(clock.now().getTime() + intervalSeconds * 1000),
    })
    .execute();
  const { name } = await database.db
    .selectFrom('integration_keys')
    .select('name')
    .where('id', '=', key.id)
    .executeTakeFirstOrThrow();
  return { ...key, name };
}

const events = (keyId: string) =>
  database.db
    .selectFrom('inbound_events')
    .select(['action', 'dedup_key', 'alert', 'received_at'])
    .where('integration_key_id', '=', keyId)
    .orderBy('id')
    .execute();
const state = (keyId: string) =>
  database.db.selectFrom('heartbeats').selectAll().where('integration_key_id', '=', keyId).executeTakeFirstOrThrow();
const reconciler = () => createHeartbeatReconciler({ db: database.db, clock, logger: silentLogger });
const drain = async (r = reconciler()) => {
  let runs = 0;
  while (await r.runOnce(clock.now())) runs++;
  return runs;
};
let edge: ReturnType<typeof createIngestEdge>;

describe('heartbeat monitors', () => {
  it('triggers one alert when the interval passes without a ping, and says for how long it has been silent', async () => {
    const key = await heartbeatKey(300);
    await drain();
    expect(await events(key.id)).toHaveLength(0);
    expect((await reconciler().nextDueAt())?.getTime()).toBeLessThanOrEqual(clock.now().getTime() + 300_000);

    clock.advanceMinutes(5);
    await drain();
    const [missed, ...rest] = await events(key.id);
    expect(rest).toHaveLength(0);
    expect(missed).toMatchObject({
      action: 'trigger',
      dedup_key: 'heartbeat',
      alert: {
        summary: `Heartbeat missed: ${key.name}: no ping for 5 minutes`,
        severity: 'critical',
        source: 'heartbeat',
      },
    });
    expect((await state(key.id)).is_failing).toBe(true);

    clock.advanceMinutes(60);
    await drain();
    expect(await events(key.id)).toHaveLength(1); // failing: no second alert
  });

  it('a ping on a failing heartbeat resolves its alert and moves the deadline out by the interval', async () => {
    const key = await heartbeatKey(600);
    clock.advanceMinutes(10);
    await drain();
    clock.advanceMinutes(3);
    const outcome = await edge.ping(key.routingKey);
    expect(outcome).toEqual({ kind: 'pinged', nextDueAt: new Date(clock.now().getTime() + 600_000) });
    expect((await events(key.id)).map((e) => [e.action, e.dedup_key])).toEqual([
      ['trigger', 'heartbeat'],
      ['resolve', 'heartbeat'],
    ]);
    const after = await state(key.id);
    expect(after).toMatchObject({
      is_failing: false,
      last_ping_at: clock.now(),
      next_due_at: new Date(clock.now().getTime() + 600_000),
    });

    clock.advanceMinutes(9);
    await drain();
    expect(await events(key.id)).toHaveLength(2); // not due yet
    clock.advanceMinutes(1);
    await drain();
    expect((await events(key.id)).at(-1)).toMatchObject({
      action: 'trigger',
      alert: { summary: `Heartbeat missed: ${key.name}: no ping for 10 minutes` },
    });
  });

  it('a ping on a healthy heartbeat stores nothing and only moves the deadline', async () => {
    const key = await heartbeatKey(120);
    clock.advanceMinutes(1);
    expect((await edge.ping(key.routingKey)).kind).toBe('pinged');
    expect(await events(key.id)).toHaveLength(0);
    expect((await state(key.id)).next_due_at).toEqual(new Date(clock.now().getTime() + 120_000));
  });

  it('alerts each missed heartbeat exactly once when several nodes check at the same time', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => heartbeatKey(60)));
    clock.advanceMinutes(2);
    const triggers = async () =>
      (await database.db.selectFrom('inbound_events').select('id').where('action', '=', 'trigger').execute()).length;
    const before = await triggers();
    const runs = await Promise.all([drain(), drain(), drain()]);
    const all = await Promise.all(keys.map((k) => events(k.id)));
    expect(all.map((e) => e.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe((await triggers()) - before); // each claim stored exactly one alert
  });

  it('says what is wrong with a ping to a key that is not a heartbeat, unknown, or has no monitor row', async () => {
    const events_v2 = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    expect(await edge.ping(events_v2.routingKey)).toMatchObject({
      kind: 'wrong_type',
      keyType: 'events_v2',
      expected: 'heartbeat',
    });
    expect(await edge.ping('0'.repeat(32))).toMatchObject({ kind: 'unknown_key' });
    const bare = await insertIntegrationKey(database.db, clock, serviceId, 'heartbeat', { intervalSeconds: 60 });
    expect(await edge.ping(bare.routingKey)).toEqual({ kind: 'not_set_up', routingKey: bare.routingKey });
  });
});

describe('heartbeat monitors through the server', () => {
  it('takes GET and POST pings, and the engine raises the alert when they stop', async () => {
    const t = await startTestApp();
    try {
      const svc = await insertService(t.app.db, t.clock, { policyId: await insertPolicy(t.app.db, t.clock, []) });
      const key = await insertIntegrationKey(t.app.db, t.clock, svc, 'heartbeat', { intervalSeconds: 60 });
      await t.app.db
        .insertInto('heartbeats')
        .values({ integration_key_id: key.id, interval_seconds: 60, last_ping_at: null, next_due_at: t.clock.now() })
        .execute();

      const get = await t.request('GET', `/api/v1/heartbeat/${key.routingKey}`);
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({
        status: 'ok',
        nextDueAt: new Date(t.clock.now().getTime() + 60_000).toISOString(),
      });
      const post = await t.request('POST', `/api/v1/heartbeat/${key.routingKey}`, {
        body: 'anything',
        headers: { 'content-type': 'text/plain' },
      });
      expect(post.status).toBe(200);

      t.clock.advanceMinutes(2);
      await t.app.engine.runDue();
      const summaries = async () =>
        (
          await t.app.db
            .selectFrom('inbound_events')
            .select(['action', 'alert'])
            .where('integration_key_id', '=', key.id)
            .orderBy('id')
            .execute()
        ).map((r) => `${r.action}: ${(r.alert as { summary: string }).summary}`);
      const name = (
        await t.app.db.selectFrom('integration_keys').select('name').where('id', '=', key.id).executeTakeFirstOrThrow()
      ).name;
      expect(await summaries()).toEqual([`trigger: Heartbeat missed: ${name}: no ping for 2 minutes`]);
      expect((await t.request('GET', `/api/v1/heartbeat/${key.routingKey}`)).status).toBe(200);
      expect(await summaries()).toEqual([
        `trigger: Heartbeat missed: ${name}: no ping for 2 minutes`,
        `resolve: Heartbeat received a ping: ${name}`,
      ]);
    } finally {
      await t.close();
    }
  });

  it('answers unknown keys 404, keys of another type 400 with their URL, and a key with no monitor row 409', async () => {
    const t = await startTestApp();
    try {
      const svc = await insertService(t.app.db, t.clock, { policyId: await insertPolicy(t.app.db, t.clock, []) });
      const other = await insertIntegrationKey(t.app.db, t.clock, svc, 'alertmanager');
      const bare = await insertIntegrationKey(t.app.db, t.clock, svc, 'heartbeat', { intervalSeconds: 60 });
      const unknown = await t.request('GET', `/api/v1/heartbeat/${'9'.repeat(32)}`);
      expect(unknown.status).toBe(404);
      const wrong = await t.request('POST', `/api/v1/heartbeat/${other.routingKey}`);
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain(
        `/api/v1/ingest/alertmanager/${other.routingKey}`,
      );
      const notSetUp = await t.request('GET', `/api/v1/heartbeat/${bare.routingKey}`);
      expect(notSetUp.status).toBe(409);
      expect(((await notSetUp.json()) as { error: { code: string } }).error.code).toBe('conflict');
    } finally {
      await t.close();
    }
  });
});
