/**
 * publishEvent: delivered to this process's subscribers inside the publishing
 * transaction; queued as a job when a subscriber fails, outside a
 * transaction, or on a handle without a dispatcher; dropped when nobody
 * subscribes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import type { Db } from './client.js';
import pg from 'pg';
import { connectDatabase } from './client.js';
import {
  ENGINE_CHANNEL,
  ENGINE_SESSION_SETTINGS,
  enqueueJob,
  publishEvent as publishDomainEvent,
  withEventDispatch,
  type EventDispatcher,
} from './outbox.js';

// db/ is tested on events of its own, which no module declares: the same function, with the names untyped.
const publishEvent = publishDomainEvent as (
  db: Db,
  now: Date,
  name: string,
  payload: unknown,
  key?: string,
) => Promise<void>;

let database: TestDatabase;
let db: Db;
const deferred: string[] = [];
let failNext = false;

// A subscriber that writes a row, so the test can see what committed.
const dispatcher: EventDispatcher = {
  handles: (name) => name === 'Pinged',
  async deliver(tx, _name, payload) {
    await sql`INSERT INTO pings (payload) VALUES (${JSON.stringify(payload)})`.execute(tx);
    if (failNext) {
      failNext = false;
      throw new Error('subscriber broke');
    }
  },
  deferred: (name, error) => deferred.push(`${name}: ${(error as Error).message}`),
};

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`CREATE TABLE pings (payload jsonb NOT NULL)`.execute(database.db);
  db = withEventDispatch(database.db, dispatcher);
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await sql`TRUNCATE pings, engine_jobs`.execute(database.db);
  deferred.length = 0;
});

const now = new Date('2026-01-05T09:00:00Z');
const pings = async () =>
  (await sql<{ payload: unknown }>`SELECT payload FROM pings`.execute(database.db)).rows.map((r) => r.payload);
const jobs = () => database.db.selectFrom('engine_jobs').select(['kind', 'key', 'payload']).execute();
const marks = async () =>
  (await sql<{ n: string }>`SELECT count(*) AS n FROM pings WHERE payload = '"mark"'`.execute(database.db)).rows[0]!.n;

describe('publishEvent', () => {
  it('runs the subscribers in the publishing transaction and queues nothing', async () => {
    await db.transaction().execute((tx) => publishEvent(tx, now, 'Pinged', { n: 1 }, 'k1'));
    expect(await pings()).toEqual([{ n: 1 }]);
    expect(await jobs()).toEqual([]);
  });

  it('a reaction rolls back with the transaction that published it', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await publishEvent(tx, now, 'Pinged', { n: 2 });
        throw new Error('the publisher changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await pings()).toEqual([]);
    expect(await jobs()).toEqual([]);
  });

  it('a failing subscriber is undone alone and the event is queued for the engine; the publisher commits', async () => {
    failNext = true;
    await db.transaction().execute(async (tx) => {
      await sql`INSERT INTO pings (payload) VALUES ('"mark"')`.execute(tx);
      await publishEvent(tx, now, 'Pinged', { n: 3 }, 'k3');
    });
    expect(await marks()).toBe('1');
    expect(await pings()).toEqual(['mark']); // the subscriber's own row was rolled back
    expect(await jobs()).toEqual([{ kind: 'event.Pinged', key: 'event.Pinged:k3', payload: { n: 3 } }]);
    expect(deferred).toEqual(['Pinged: subscriber broke']);
  });

  it('outside a transaction the event is queued, not run', async () => {
    await publishEvent(db, now, 'Pinged', { n: 4 });
    expect(await pings()).toEqual([]);
    expect(await jobs()).toMatchObject([{ kind: 'event.Pinged', payload: { n: 4 } }]);
  });

  it('an event nobody subscribes to is dropped', async () => {
    await db.transaction().execute((tx) => publishEvent(tx, now, 'Unheard', { n: 5 }));
    await publishEvent(db, now, 'Unheard', { n: 6 });
    expect(await jobs()).toEqual([]);
  });

  it('on a handle without a dispatcher every event is queued', async () => {
    await database.db.transaction().execute((tx) => publishEvent(tx, now, 'Unheard', { n: 7 }, 'k7'));
    expect(await jobs()).toEqual([{ kind: 'event.Unheard', key: 'event.Unheard:k7', payload: { n: 7 } }]);
  });
});

describe('enqueueJob', () => {
  it('wakes the engines with a NOTIFY naming the kind, except from the engine itself and for a key already queued', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const engine = connectDatabase(database.url, { maxConnections: 1, sessionSettings: ENGINE_SESSION_SETTINGS });
    try {
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query(`LISTEN ${ENGINE_CHANNEL}`);
      const job = (kind: string, key?: string) => ({ kind, runAt: now, ...(key !== undefined && { key }) });
      expect(await enqueueJob(database.db, job('test.first', 'once'), now)).toEqual(expect.any(String));
      expect(await enqueueJob(database.db, job('test.again', 'once'), now)).toBeUndefined();
      expect(await enqueueJob(engine.db, job('test.engine'), now)).toEqual(expect.any(String));
      await enqueueJob(database.db, job('test.last'), now);
      await expect.poll(() => heard).toContain('test.last');
      expect(heard).toEqual(['test.first', 'test.last']);
      expect((await jobs()).map((j) => j.kind).sort()).toEqual(['test.engine', 'test.first', 'test.last']);
    } finally {
      await listener.end();
      await engine.close();
    }
  });
});
