/**
 * Fail-fast batch transactions: deferred rows are written at the commit (and
 * only then), a failure keeps nothing, withSavepoint throws instead of
 * isolating, and outside a batch everything behaves as before.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { deferOnce, failFastTransaction, insertDeferrable, isFailFast, withSavepoint } from './batch.js';
import { inTransaction, type Db } from './client.js';

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => database?.drop());
beforeEach(async () => {
  await sql`DELETE FROM settings WHERE key LIKE 'batch.%'`.execute(db);
});

const setting = (key: string) => ({ key: `batch.${key}`, value: JSON.stringify(key), updated_at: new Date() });
const keys = async (handle: Db = db) =>
  (await handle.selectFrom('settings').select('key').where('key', 'like', 'batch.%').orderBy('key').execute()).map((r) => r.key);

describe('a fail-fast batch', () => {
  it('writes deferred rows just before the commit, not when they are added', async () => {
    const seenInside = await failFastTransaction(db, async (tx) => {
      expect(isFailFast(tx)).toBe(true);
      await insertDeferrable(tx, 'settings', setting('a'));
      await insertDeferrable(tx, 'settings', setting('b'));
      return keys(tx);
    });
    expect(seenInside).toEqual([]);
    expect(await keys()).toEqual(['batch.a', 'batch.b']);
  });

  it('writes more deferred rows than one INSERT takes', async () => {
    await failFastTransaction(db, async (tx) => {
      for (let i = 0; i < 1_203; i++) await insertDeferrable(tx, 'settings', setting(`many.${String(i).padStart(4, '0')}`));
    });
    expect(await keys()).toHaveLength(1_203);
  });

  it('skips a deferred row that repeats a unique column, as ON CONFLICT DO NOTHING does, and runs a deferred action once, after the rows', async () => {
    await db.insertInto('settings').values(setting('taken')).execute();
    const seenByAction: string[][] = [];
    await failFastTransaction(db, async (tx) => {
      for (const key of ['taken', 'fresh', 'fresh']) {
        await insertDeferrable(tx, 'settings', { ...setting(key), value: JSON.stringify('from the batch') }, { onConflictDoNothing: 'key' });
        expect(deferOnce(tx, 'look', async (inner) => void seenByAction.push(await keys(inner)))).toBe(true);
      }
    });
    expect(seenByAction).toEqual([['batch.fresh', 'batch.taken']]);
    const values = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'batch.%').orderBy('key').execute();
    expect(values).toEqual([{ key: 'batch.fresh', value: 'from the batch' }, { key: 'batch.taken', value: 'taken' }]);
  });

  it('keeps nothing, deferred or not, when its work throws', async () => {
    await expect(
      failFastTransaction(db, async (tx) => {
        await tx.insertInto('settings').values(setting('now')).execute();
        await insertDeferrable(tx, 'settings', setting('later'));
        throw new Error('a unit broke');
      }),
    ).rejects.toThrow('a unit broke');
    expect(await keys()).toEqual([]);
  });

  it('lets an error inside withSavepoint through, instead of rolling back to a savepoint', async () => {
    await expect(
      failFastTransaction(db, async (tx) => {
        await insertDeferrable(tx, 'settings', setting('before'));
        const result = await withSavepoint(tx, async () => {
          throw new Error('subscriber broke');
        });
        await insertDeferrable(tx, 'settings', setting(`after.${String(result.ok)}`));
      }),
    ).rejects.toThrow('subscriber broke');
    expect(await keys()).toEqual([]);
  });
});

describe('outside a batch', () => {
  it('inserts a deferrable row at once, and withSavepoint isolates the failure', async () => {
    await inTransaction(db, async (tx) => {
      expect(isFailFast(tx)).toBe(false);
      expect(deferOnce(tx, 'look', async () => undefined)).toBe(false);
      await insertDeferrable(tx, 'settings', setting('now'));
      await insertDeferrable(tx, 'settings', setting('now'), { onConflictDoNothing: 'key' });
      expect(await keys(tx)).toEqual(['batch.now']);
      const result = await withSavepoint(tx, async () => {
        await insertDeferrable(tx, 'settings', setting('undone'));
        throw new Error('subscriber broke');
      });
      expect(result.ok).toBe(false);
    });
    expect(await keys()).toEqual(['batch.now']);
  });
});
