/**
 * The ingest edge's memory and failure handling on real PostgreSQL: found
 * routing keys are remembered for a few seconds at most (an edge that hears
 * key changes forgets sooner: routing-cache.int.test.ts), misses never are,
 * a key deleted meanwhile is an unknown key, and a value the database
 * refuses is the sender's error (400), not a reason to retry forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { createIngestEdge, type IngestEdge } from './ingest.service.js';
import { eventsV2Source } from './pagerduty.adapter.js';

let database: TestDatabase;
const clock = new FakeClock('2026-03-02T10:00:00Z');
let serviceId: string;
let edge: IngestEdge;

beforeAll(async () => {
  database = await createTestDatabase();
  serviceId = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
  edge = createIngestEdge({ db: database.db, clock, ratePerMinute: 1000 });
});
afterAll(async () => database?.drop());

const trigger = (routingKey: string, summary = 'Disk full') => ({
  routing_key: routingKey,
  event_action: 'trigger',
  dedup_key: 'd',
  payload: { summary, source: 'db1', severity: 'error' },
});

describe('the ingest edge', () => {
  it('remembers a found key for 5 seconds at most: a change of type shows after that', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    expect((await edge.receive(eventsV2Source, { body: trigger(key.routingKey) })).kind).toBe('accepted');
    await database.db.updateTable('integration_keys').set({ type: 'grafana' }).where('id', '=', key.id).execute();
    expect((await edge.receive(eventsV2Source, { body: trigger(key.routingKey) })).kind).toBe('accepted');
    clock.advance(5_001);
    expect(await edge.receive(eventsV2Source, { body: trigger(key.routingKey) })).toMatchObject({
      kind: 'wrong_type',
      keyType: 'grafana',
    });
  });

  it('never remembers a miss: a key created after one is found at once', async () => {
    const routingKey = 'a'.repeat(32);
    expect(await edge.receive(eventsV2Source, { body: trigger(routingKey) })).toEqual({
      kind: 'unknown_key',
      routingKey,
    });
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    await database.db
      .updateTable('integration_keys')
      .set({ routing_key: routingKey })
      .where('id', '=', key.id)
      .execute();
    expect((await edge.receive(eventsV2Source, { body: trigger(routingKey) })).kind).toBe('accepted');
  });

  it('treats an event for a key deleted since it was remembered as an unknown key, and forgets it', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    expect((await edge.receive(eventsV2Source, { body: trigger(key.routingKey) })).kind).toBe('accepted');
    await database.db.deleteFrom('integration_keys').where('id', '=', key.id).execute();
    expect(await edge.receive(eventsV2Source, { body: trigger(key.routingKey) })).toEqual({
      kind: 'unknown_key',
      routingKey: key.routingKey,
    });
  });

  it('answers "invalid" (no retry) when the database refuses a value in the event', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    const outcome = await edge.receive(eventsV2Source, { body: trigger(key.routingKey, 'lone surrogate \ud800 here') });
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.errors[0]).toMatch(/wrong format/);
    expect(JSON.stringify(outcome)).not.toMatch(/UTF8|byte sequence|unsupported Unicode/); // never the database's own text
  });

  it("counts a batch against the key's rate limit event by event", async () => {
    const small = createIngestEdge({ db: database.db, clock, ratePerMinute: 3 });
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'events_v2');
    const routed = await small.route(key.routingKey, 'events_v2');
    if (routed.kind !== 'routed') throw new Error('not routed');
    const event = {
      action: 'trigger' as const,
      dedupKey: 'x',
      alert: { summary: 's', source: 'x', severity: 'info' as const, links: [], images: [] },
      raw: {},
    };
    expect((await small.store(key.routingKey, routed.routed, [event, event])).kind).toBe('accepted');
    expect((await small.store(key.routingKey, routed.routed, [event, event])).kind).toBe('throttled'); // 1 token left, 2 needed
    expect((await small.store(key.routingKey, routed.routed, [event])).kind).toBe('accepted');
  });
});
