/**
 * Routing keys remembered across nodes, on real PostgreSQL: two nodes (two
 * database handles, each listening) remember the keys they route; a change
 * made anywhere (a rotation, new settings, a deleted service) is forgotten by
 * both as soon as they hear of it; and a node whose listening connection is
 * lost remembers nothing until it listens again, so a change it could not
 * hear is never missed, and neither does one whose listening connection
 * stops answering without a word. The clock stands still, so nothing here
 * is forgotten by age.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase, type DbHandle } from '../../db/client.js';
import { HEARD_WITHIN_MS, LISTEN_CHECK_MS, LISTEN_CHECK_TEXT } from '../../db/listen.js';
import { FakeClock } from '../../lib/clock.js';
import { silentLogger } from '../../lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/db.js';
import { proxyDatabase } from '../../test-support/tcp-proxy.js';
import { insertIntegrationKey, insertPolicy, insertService } from '../../test-support/paging-fixtures.js';
import { createIngestEdge, type IngestEdge } from './ingest.service.js';
import { KEY_CHANGES_CHANNEL } from './integration-keys.repo.js';
import { eventsV2Source } from './pagerduty.adapter.js';
import { keyChangesOf, listenForKeyChanges, LOOKUPS_IN_FLIGHT } from './routing-cache.js';
import { webhookSource } from './webhook.adapter.js';

interface Node {
  handle: DbHandle;
  edge: IngestEdge;
  stop(): Promise<void>;
}

let database: TestDatabase;
const clock = new FakeClock('2026-03-02T10:00:00Z');
let serviceId: string;
const nodes: Node[] = [];
let routedQueries = 0;

/** A node; its listening connection goes through `listenUrl` when given (a proxy that can freeze). */
function startNode(listenUrl?: string): Node {
  const handle = connectDatabase(database.url, { maxConnections: 3 });
  const listening = listenUrl ? connectDatabase(listenUrl, { maxConnections: 1 }) : undefined;
  // Counts the routing-key lookups this node sends.
  handle.pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
      if (text?.includes('"k"."routing_key" =')) routedQueries++;
      return query(...args);
    };
  });
  const stopListening = listenForKeyChanges({
    db: handle.db,
    pool: (listening ?? handle).pool,
    logger: silentLogger,
  });
  const edge = createIngestEdge({ db: handle.db, clock, ratePerMinute: 100_000, keyChanges: keyChangesOf(handle.db) });
  const stop = async () => {
    await stopListening();
    await listening?.close();
  };
  return { handle, edge, stop };
}

const hearing = (node: Node) => keyChangesOf(node.handle.db).version !== undefined;
const untilHearing = () => vi.waitFor(() => expect(nodes.every(hearing)).toBe(true), { timeout: 15_000 });
/** Waits until every node has heard something since `versions` were read. */
const untilHeard = (versions: Array<number | undefined>) =>
  vi.waitFor(
    () =>
      expect(nodes.map((n) => keyChangesOf(n.handle.db).version !== versions[nodes.indexOf(n)])).not.toContain(false),
    { timeout: 15_000 },
  );
const versions = () => nodes.map((n) => keyChangesOf(n.handle.db).version);

const trigger = (routingKey: string) => ({
  routing_key: routingKey,
  event_action: 'trigger',
  dedup_key: 'd',
  payload: { summary: 'Disk full', source: 'db1', severity: 'error' },
});
const sendV2 = (node: Node, routingKey: string) => node.edge.receive(eventsV2Source, { body: trigger(routingKey) });

beforeAll(async () => {
  database = await createTestDatabase();
  serviceId = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
  nodes.push(startNode(), startNode());
  await untilHearing();
});
afterAll(async () => {
  for (const node of nodes) {
    await node.stop();
    await node.handle.close();
  }
  await database?.drop();
});

describe('routing keys remembered across nodes', () => {
  it('remembers a found key: a second event sends no lookup', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId);
    expect((await sendV2(nodes[0]!, key.routingKey)).kind).toBe('accepted');
    const before = routedQueries;
    expect((await sendV2(nodes[0]!, key.routingKey)).kind).toBe('accepted');
    expect(routedQueries).toBe(before);
  });

  it('looks keys missed at the same time up together: a few queries for twenty keys, each routed to its own, an unknown one refused', async () => {
    const keys = await Promise.all(
      Array.from({ length: 20 }, () => insertIntegrationKey(database.db, clock, serviceId)),
    );
    const before = routedQueries;
    const [unknown, ...routed] = await Promise.all([
      nodes[0]!.edge.route('c'.repeat(32), 'events_v2'),
      ...keys.map((k) => nodes[0]!.edge.route(k.routingKey, 'events_v2')),
    ]);
    expect(unknown!.kind).toBe('unknown_key');
    expect(routed.map((r) => (r.kind === 'routed' ? r.routed.key.id : r.kind))).toEqual(keys.map((k) => k.id));
    // The first LOOKUPS_IN_FLIGHT go at once, alone; the rest wait and go together.
    expect(routedQueries - before).toBe(LOOKUPS_IN_FLIGHT + 1);
  });

  it('refuses a rotated routing key on every node as soon as they hear of it, and routes the new one', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId);
    for (const node of nodes) expect((await sendV2(node, key.routingKey)).kind).toBe('accepted');
    const heard = versions();
    const rotated = 'b'.repeat(32);
    await database.db.updateTable('integration_keys').set({ routing_key: rotated }).where('id', '=', key.id).execute();
    await untilHeard(heard);
    for (const node of nodes) {
      expect(await sendV2(node, key.routingKey)).toEqual({ kind: 'unknown_key', routingKey: key.routingKey });
      expect((await sendV2(node, rotated)).kind).toBe('accepted');
    }
  });

  it("reads a key's new settings on every node as soon as they hear of them", async () => {
    const mapping = (summary: string) => ({ summary, dedupKey: 'id' });
    const key = await insertIntegrationKey(database.db, clock, serviceId, 'webhook', mapping('title'));
    const body = { title: 'Old field', headline: 'New field', id: 'w1' };
    const summaryOf = async (node: Node) => {
      const outcome = await node.edge.receive(webhookSource, { routingKey: key.routingKey, body });
      return outcome.kind === 'accepted' ? outcome.events[0]!.alert.summary : outcome.kind;
    };
    for (const node of nodes) expect(await summaryOf(node)).toBe('Old field');
    const heard = versions();
    await database.db
      .updateTable('integration_keys')
      .set({ settings: JSON.stringify(mapping('headline')) })
      .where('id', '=', key.id)
      .execute();
    await untilHeard(heard);
    for (const node of nodes) expect(await summaryOf(node)).toBe('New field');
  });

  it('hears of keys deleted with their service', async () => {
    const doomed = await insertService(database.db, clock, { policyId: await insertPolicy(database.db, clock, []) });
    const key = await insertIntegrationKey(database.db, clock, doomed, 'heartbeat');
    for (const node of nodes) expect((await node.edge.route(key.routingKey, 'heartbeat')).kind).toBe('routed');
    const heard = versions();
    await database.db.deleteFrom('services').where('id', '=', doomed).execute();
    await untilHeard(heard);
    for (const node of nodes) expect((await node.edge.ping(key.routingKey)).kind).toBe('unknown_key');
  });

  it('remembers nothing while its listening connection is lost, and misses no change made meanwhile', async () => {
    const key = await insertIntegrationKey(database.db, clock, serviceId);
    for (const node of nodes) expect((await sendV2(node, key.routingKey)).kind).toBe('accepted');
    // Cut every node's listening connection.
    // (Its last statement is the LISTEN, or the check it answers every LISTEN_CHECK_MS.)
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database()
        AND query IN (${`LISTEN ${KEY_CHANGES_CHANNEL}`}, ${LISTEN_CHECK_TEXT})`.execute(database.db);
    await vi.waitFor(() => expect(nodes.some(hearing)).toBe(false), { timeout: 15_000 });
    // A change nobody hears: each node looks the key up again.
    await database.db.updateTable('integration_keys').set({ type: 'grafana' }).where('id', '=', key.id).execute();
    for (const node of nodes) expect((await sendV2(node, key.routingKey)).kind).toBe('wrong_type');
    // They listen again by themselves.
    await untilHearing();
  });

  it('remembers nothing once its listening connection stops answering without a word, and misses no change made meanwhile', async () => {
    const { proxy, url } = await proxyDatabase(database.url);
    const node = startNode(url);
    try {
      await vi.waitFor(() => expect(hearing(node)).toBe(true), { timeout: 15_000 });
      const key = await insertIntegrationKey(database.db, clock, serviceId);
      expect((await sendV2(node, key.routingKey)).kind).toBe('accepted');
      const before = routedQueries;
      expect((await sendV2(node, key.routingKey)).kind).toBe('accepted');
      expect(routedQueries).toBe(before); // remembered
      // Its listening connection stays open but carries nothing: no NOTIFY arrives, and no error either.
      proxy.freeze();
      await database.db.updateTable('integration_keys').set({ type: 'grafana' }).where('id', '=', key.id).execute();
      // Within HEARD_WITHIN_MS (+ a check's wait) it no longer trusts what it remembers, and looks the key up.
      await vi.waitFor(() => expect(hearing(node)).toBe(false), { timeout: HEARD_WITHIN_MS + 4 * LISTEN_CHECK_MS });
      expect((await sendV2(node, key.routingKey)).kind).toBe('wrong_type');
      // The silent connection is given up, and the node listens again through a working one.
      await proxy.close();
      await proxy.reopen();
      await vi.waitFor(() => expect(hearing(node)).toBe(true), { timeout: 30_000 });
    } finally {
      await node.stop();
      await node.handle.close();
      await proxy.close();
    }
  });
});
