/**
 * Remembered tables on real PostgreSQL: a node that listens reads a table
 * once and again only after a change, whoever made it (another handle, SQL
 * by hand: the trigger of migration 0029); a change made here is not
 * trusted away before it is heard back; a second handle shares the first's
 * hearing; a node that does not listen reads every time. Rows by id
 * (rememberedByIds, migration 0030's triggers) likewise, and only in a
 * transaction that trusts them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { spyOnStatements } from '../test-support/statements.js';
import { connectDatabase, inTransaction, type Db, type DbHandle } from './client.js';
import {
  listenForRememberedTables,
  rememberedByIds,
  rememberedRead,
  shareRememberedTables,
  tableChangedHere,
  trustRememberedRows,
} from './remembered.js';

let database: TestDatabase;
const handles: DbHandle[] = [];
let reads = 0;
/** The ids each read of user names asked for. */
const userReads: string[][] = [];
let stopSpying: () => void;

const userNames = rememberedByIds(['users'], async (db, ids) => {
  userReads.push(ids);
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
});

const ackMinutes = rememberedRead('sla_targets', async (db: Db) => {
  const rows = await db
    .selectFrom('sla_targets')
    .select(['key', 'ack_minutes'])
    .where('scope', '=', 'urgency')
    .execute();
  return new Map(rows.map((r) => [r.key, r.ack_minutes]));
});

const open = () => {
  const handle = connectDatabase(database.url, { maxConnections: 3 });
  handles.push(handle);
  return handle;
};
const setHigh = (db: Db, minutes: number) =>
  db
    .updateTable('sla_targets')
    .set({ ack_minutes: minutes })
    .where('scope', '=', 'urgency')
    .where('key', '=', 'high')
    .execute();

/** Waits until `db` gives `minutes` for high urgency from memory (no statement sent for it). */
const untilRemembered = (db: Db, minutes: number) =>
  vi.waitFor(async () => {
    expect((await ackMinutes(db)).get('high')).toBe(minutes);
    const before = reads;
    expect((await ackMinutes(db)).get('high')).toBe(minutes);
    expect(reads).toBe(before);
  });

beforeAll(async () => {
  database = await createTestDatabase();
  stopSpying = spyOnStatements((_client, text, result) => {
    if (text.includes('"sla_targets"') && text.startsWith('select')) reads++;
    return result;
  });
});
afterAll(async () => {
  stopSpying?.();
  for (const handle of handles) await handle.close();
  await database?.drop();
});

describe('remembered tables', () => {
  it('are read every time by a node that does not listen', async () => {
    const { db } = open();
    const before = reads;
    await ackMinutes(db);
    await ackMinutes(db);
    expect(reads - before).toBe(2);
  });

  it('are read once by a node that listens, and again after a change made anywhere', async () => {
    const node = open();
    const stop = listenForRememberedTables({ db: node.db, pool: node.pool, logger: silentLogger });
    try {
      await setHigh(database.db, 15);
      // Listening, and the change above heard: from then on a read is remembered.
      await untilRemembered(node.db, 15);
      const before = reads;
      expect((await ackMinutes(node.db)).get('high')).toBe(15);
      expect(reads).toBe(before);
      // Changed by hand through another connection: the trigger's NOTIFY reaches the node.
      await sql`UPDATE sla_targets SET ack_minutes = 7 WHERE scope = 'urgency' AND key = 'high'`.execute(database.db);
      await vi.waitFor(async () => expect((await ackMinutes(node.db)).get('high')).toBe(7));
    } finally {
      await stop();
    }
  });

  it('trusts nothing it remembers after a change made here until the change is heard back, on every handle sharing it', async () => {
    const node = open();
    const engine = open();
    shareRememberedTables(node.db, engine.db);
    const stop = listenForRememberedTables({ db: node.db, pool: node.pool, logger: silentLogger });
    try {
      await setHigh(database.db, 20);
      await untilRemembered(engine.db, 20);
      // A change in a transaction of this node, not yet committed: every read goes to the database.
      await node.db.transaction().execute(async (tx) => {
        tableChangedHere(tx, 'sla_targets');
        await setHigh(tx, 30);
        const before = reads;
        expect((await ackMinutes(engine.db)).get('high')).toBe(20); // not committed yet
        expect(reads - before).toBe(1);
      });
      // Committed: seen at once on the sharing handle, heard back or not.
      expect((await ackMinutes(engine.db)).get('high')).toBe(30);
      // Once heard, remembered again.
      await untilRemembered(engine.db, 30);
    } finally {
      await stop();
    }
  });
});

describe('rows remembered by id', () => {
  const ids = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
  const missing = '00000000-0000-4000-8000-0000000000a3';
  const addUser = (id: string, name: string) =>
    sql`INSERT INTO users (id, email, name, role, password_hash, created_at, updated_at)
        VALUES (${id}, ${`${name}@example.com`}, ${name}, 'responder', 'x', now(), now())`.execute(database.db);
  /** The user names read in one trusted transaction, and the ids the reads asked the database for. */
  const namesIn = async (db: Db, wanted: string[]) => {
    const before = userReads.length;
    const names = await inTransaction(db, async (tx) => {
      trustRememberedRows(tx);
      return userNames(tx, wanted);
    });
    return {
      names: Object.fromEntries([...names].map(([id, row]) => [id, row.name])),
      asked: userReads.slice(before).flat().sort(),
    };
  };

  it('are read once per id in transactions that trust them, again after a change made anywhere, and always elsewhere', async () => {
    await addUser(ids[0]!, 'ada');
    await addUser(ids[1]!, 'grace');
    const node = open();
    const stop = listenForRememberedTables({ db: node.db, pool: node.pool, logger: silentLogger });
    try {
      // Listening and confirmed: the first read asks for both, and for the one that does not exist.
      await vi.waitFor(async () => {
        const { asked } = await namesIn(node.db, [...ids, missing]);
        expect(asked).toEqual([]);
      });
      expect(await namesIn(node.db, [ids[0]!, missing])).toEqual({ names: { [ids[0]!]: 'ada' }, asked: [] });
      // Shared by every batch, so frozen: a caller that changed one would fail at once.
      const shared = await inTransaction(node.db, async (tx) => {
        trustRememberedRows(tx);
        return (await userNames(tx, [ids[0]!])).get(ids[0]!)!;
      });
      expect(() => Object.assign(shared, { name: 'someone else' })).toThrow(TypeError);
      // Outside a transaction that trusts them: read every time.
      const before = userReads.length;
      expect((await userNames(node.db, [ids[0]!])).get(ids[0]!)?.name).toBe('ada');
      expect(userReads.length - before).toBe(1);
      // A change by hand through another connection: forgotten once heard, then read afresh, once.
      await sql`UPDATE users SET name = 'grace hopper' WHERE id = ${ids[1]!}`.execute(database.db);
      await vi.waitFor(async () => expect((await namesIn(node.db, ids)).names[ids[1]!]).toBe('grace hopper'));
      expect(await namesIn(node.db, ids)).toEqual({
        names: { [ids[0]!]: 'ada', [ids[1]!]: 'grace hopper' },
        asked: [],
      });
      // A change this node is making (any write built with Kysely on its handle), not yet committed:
      // nothing remembered is trusted meanwhile, so the read goes to the database.
      await node.db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ name: 'ada lovelace' }).where('id', '=', ids[0]!).execute();
        expect(await namesIn(node.db, [ids[0]!])).toEqual({ names: { [ids[0]!]: 'ada' }, asked: [ids[0]!] });
      });
      await vi.waitFor(async () =>
        expect(await namesIn(node.db, [ids[0]!])).toEqual({ names: { [ids[0]!]: 'ada lovelace' }, asked: [] }),
      );
    } finally {
      await stop();
    }
  });
});
