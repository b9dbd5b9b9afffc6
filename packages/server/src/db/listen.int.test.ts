/**
 * listenOn on real PostgreSQL: every channel listened on through one pool
 * shares one connection (a node's pool is small), each hears its own
 * NOTIFYs, one stopping leaves the others listening, and the last to stop
 * gives the connection back.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { connectDatabase, type DbHandle } from './client.js';
import { listenOn, type ChannelHandlers } from './listen.js';

let database: TestDatabase;
let node: DbHandle;

beforeAll(async () => {
  database = await createTestDatabase();
  node = connectDatabase(database.url, { maxConnections: 2 });
});
afterAll(async () => {
  await node?.close();
  await database?.drop();
});

const recorder = () => {
  const heard: string[] = [];
  let listening = 0;
  const handlers: ChannelHandlers = {
    notified: (payload) => heard.push(payload),
    listening: () => void listening++,
    lost: () => undefined,
  };
  return { heard, handlers, listening: () => listening };
};

describe('listenOn', () => {
  it('shares one connection among the channels of a pool, each hearing its own, until the last stops', async () => {
    const a = recorder();
    const b = recorder();
    const stopA = listenOn(node.pool, 'test_listen_a', a.handlers, silentLogger);
    const stopB = listenOn(node.pool, 'test_listen_b', b.handlers, silentLogger);
    await vi.waitFor(() => expect([a.listening(), b.listening()]).toEqual([1, 1]));
    expect(node.pool.totalCount).toBe(1);

    await sql`SELECT pg_notify('test_listen_a', 'one'), pg_notify('test_listen_b', 'two')`.execute(database.db);
    await vi.waitFor(() => expect([a.heard, b.heard]).toEqual([['one'], ['two']]));

    // The pool's other connection still serves queries.
    expect((await sql<{ n: number }>`SELECT 1 AS n`.execute(node.db)).rows[0]!.n).toBe(1);

    await stopA();
    await sql`SELECT pg_notify('test_listen_a', 'three'), pg_notify('test_listen_b', 'four')`.execute(database.db);
    await vi.waitFor(() => expect(b.heard).toEqual(['two', 'four']));
    expect(a.heard).toEqual(['one']);

    await stopB();
    await vi.waitFor(() => expect(node.pool.idleCount).toBe(node.pool.totalCount));
  });
});
