/**
 * Remembered tables on real PostgreSQL: a node that listens reads a table
 * once and again only after a change, whoever made it (another handle, SQL
 * by hand: the trigger of migration 0029); a change made here is not
 * trusted away before it is heard back; a second handle shares the first's
 * hearing; a node that does not listen reads every time.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { spyOnStatements } from '../test-support/statements.js';
import { connectDatabase, type Db, type DbHandle } from './client.js';
import { listenForRememberedTables, rememberedRead, shareRememberedTables, tableChangedHere } from './remembered.js';

let database: TestDatabase;
const handles: DbHandle[] = [];
let reads = 0;
let stopSpying: () => void;

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
