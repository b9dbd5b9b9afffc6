/**
 * Reads shared out over connections that see one snapshot: each part runs
 * once, on the opener or a helper; helpers see exactly the opener's
 * snapshot; a part a helper fails is read again by the opener; no helper is
 * taken when the pool has no connection to spare.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import type { Db } from './client.js';
import { openSnapshotReaders } from './snapshot-readers.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

const pid = async (db: Db) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]!.pid;

/** Resolves once parts have started on `n` different connections (a test whose helpers never come times out). */
function meeting(n: number) {
  const pids = new Set<number>();
  let met: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    met = resolve;
  });
  return {
    pids,
    arrive(p: number) {
      pids.add(p);
      if (pids.size >= n) met();
      return all;
    },
  };
}

/** Runs `work` in a REPEATABLE READ transaction on `root`, with the opener's backend pid. */
const inSnapshot = <T>(root: Db, work: (tx: Db, opener: number) => Promise<T>) =>
  root
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => work(tx, await pid(tx)));

describe('snapshot readers', () => {
  it('share the parts out between the opener and its helpers, each part once, results in order', async () => {
    const runs: number[] = [];
    const met = meeting(3);
    const results = await inSnapshot(database.db, async (tx) => {
      const readers = await openSnapshotReaders(tx, database.db, 3);
      expect(readers.helpers).toBe(3);
      return readers.run(
        Array.from({ length: 12 }, (_, i) => async (reader: Db) => {
          runs.push(i);
          await met.arrive(await pid(reader)); // every part waits until three connections are reading
          return (await sql<{ n: number }>`SELECT ${i}::int * 10 AS n`.execute(reader)).rows[0]!.n;
        }),
      );
    });
    expect(results).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
    expect([...runs].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(met.pids.size).toBeGreaterThanOrEqual(3);
  });

  it("let helpers see exactly the opener's snapshot, not what committed after it", async () => {
    await sql`CREATE TABLE readers_seen (n int)`.execute(database.db);
    await sql`INSERT INTO readers_seen VALUES (1), (2)`.execute(database.db);
    const seen = await inSnapshot(database.db, async (tx, opener) => {
      await sql`SELECT count(*) FROM readers_seen`.execute(tx); // the snapshot is taken here
      await sql`INSERT INTO readers_seen VALUES (3)`.execute(database.db); // committed after it
      const readers = await openSnapshotReaders(tx, database.db, 2);
      const met = meeting(2);
      return readers.run(
        Array.from({ length: 4 }, () => async (reader: Db) => {
          const me = await pid(reader);
          await met.arrive(me);
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM readers_seen`.execute(reader);
          return { onHelper: me !== opener, n: rows[0]!.n };
        }),
      );
    });
    expect(seen.some((s) => s.onHelper)).toBe(true);
    expect(seen.map((s) => s.n)).toEqual([2, 2, 2, 2]);
    const now = await sql<{ n: number }>`SELECT count(*)::int AS n FROM readers_seen`.execute(database.db);
    expect(now.rows[0]!.n).toBe(3);
  });

  it('read again on the opener a part a helper failed', async () => {
    let failures = 0;
    const met = meeting(2);
    const results = await inSnapshot(database.db, async (tx, opener) => {
      const readers = await openSnapshotReaders(tx, database.db, 2);
      return readers.run(
        Array.from({ length: 6 }, (_, i) => async (reader: Db) => {
          const me = await pid(reader);
          await met.arrive(me);
          if (me !== opener) {
            failures++;
            throw new Error('a helper fails');
          }
          return i;
        }),
      );
    });
    expect(failures).toBeGreaterThan(0);
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('take no helper when the pool has no connection to spare', async () => {
    const small = await createTestDatabase({ maxConnections: 2 });
    try {
      const pids = await inSnapshot(small.db, async (tx, opener) => {
        const readers = await openSnapshotReaders(tx, small.db, 3);
        expect(readers.helpers).toBe(0);
        const seen = await readers.run(Array.from({ length: 4 }, () => (reader: Db) => pid(reader)));
        return { opener, seen };
      });
      expect(new Set(pids.seen)).toEqual(new Set([pids.opener]));
    } finally {
      await small.drop();
    }
  });
});
