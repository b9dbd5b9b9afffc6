/**
 * Fail-fast batch transactions: deferred rows are written at the commit (and
 * only then), a failure keeps nothing, withSavepoint throws instead of
 * isolating, and outside a batch everything behaves as before.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/db.js';
import { spyOnStatements } from '../test-support/statements.js';
import {
  afterCommit,
  changeDeferred,
  databaseNowPlus,
  deferBeforeWriting,
  deferOnce,
  deferredRowsOf,
  failFastTransaction,
  flushDeferred,
  insertDeferrable,
  isFailFast,
  returnedRows,
  returnFromDeferred,
  withSavepoint,
} from './batch.js';
import { inTransaction, UNPREPARED, type Db } from './client.js';
import { handleValue, transactionValue } from './context.js';

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
/** A job row of `kind`, due now. */
const job = (kind: string) => ({
  kind,
  key: null,
  payload: '{}',
  run_at: new Date(),
  max_attempts: 1,
  locked_by: null,
  locked_until: null,
  last_error: null,
  created_at: new Date(),
  finished_at: null,
});
const keys = async (handle: Db = db) =>
  (await handle.selectFrom('settings').select('key').where('key', 'like', 'batch.%').orderBy('key').execute()).map(
    (r) => r.key,
  );

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

  it('changes a row still deferred in memory (written changed, no UPDATE); outside a batch or once written it says no', async () => {
    const values = (tx: Db) =>
      tx.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'batch.%').orderBy('key').execute();
    const changed = await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'settings', setting('one'));
      await insertDeferrable(tx, 'settings', setting('two'));
      const found = changeDeferred(
        tx,
        'settings',
        (row) => row.key === 'batch.two',
        (row) => ({ ...row, value: JSON.stringify('changed') }),
      );
      const missing = changeDeferred(
        tx,
        'settings',
        (row) => row.key === 'batch.none',
        (row) => row,
      );
      await flushDeferred(tx, 'settings');
      const afterFlush = changeDeferred(
        tx,
        'settings',
        (row) => row.key === 'batch.one',
        (row) => row,
      );
      return [found, missing, afterFlush];
    });
    expect(changed).toEqual([true, false, false]);
    expect(await values(db)).toEqual([
      { key: 'batch.one', value: 'one' },
      { key: 'batch.two', value: 'changed' },
    ]);
    expect(
      await inTransaction(db, async (tx) =>
        changeDeferred(
          tx,
          'settings',
          () => true,
          (row) => row,
        ),
      ),
    ).toBe(false);
  });

  it('writes more deferred rows than one INSERT takes', async () => {
    await failFastTransaction(db, async (tx) => {
      for (let i = 0; i < 1_203; i++)
        await insertDeferrable(tx, 'settings', setting(`many.${String(i).padStart(4, '0')}`));
    });
    expect(await keys()).toHaveLength(1_203);
  });

  it('skips a deferred row that repeats a unique column, as ON CONFLICT DO NOTHING does, and runs a deferred action once, after the rows', async () => {
    await db.insertInto('settings').values(setting('taken')).execute();
    const seenByAction: string[][] = [];
    await failFastTransaction(db, async (tx) => {
      for (const key of ['taken', 'fresh', 'fresh']) {
        await insertDeferrable(
          tx,
          'settings',
          { ...setting(key), value: JSON.stringify('from the batch') },
          { onConflictDoNothing: 'key' },
        );
        expect(deferOnce(tx, 'look', async (inner) => void seenByAction.push(await keys(inner)))).toBe(true);
      }
    });
    expect(seenByAction).toEqual([['batch.fresh', 'batch.taken']]);
    const values = await db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'like', 'batch.%')
      .orderBy('key')
      .execute();
    expect(values).toEqual([
      { key: 'batch.fresh', value: 'from the batch' },
      { key: 'batch.taken', value: 'taken' },
    ]);
  });

  it('writes rows of different shapes as one INSERT: a column a row leaves out (or leaves undefined) takes its default; objects, dates and nulls are kept', async () => {
    const runAt = new Date('2026-12-07T10:00:00.000Z');
    // Typed loosely on purpose: the second row leaves payload out for its default ('{}').
    const job = (extra: Record<string, unknown>) =>
      ({ kind: 'batch.test', run_at: runAt, created_at: runAt, ...extra }) as never;
    await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'engine_jobs', job({ payload: { nested: ['a', 1] }, max_attempts: 3, key: null }));
      await insertDeferrable(tx, 'engine_jobs', job({ key: 'k', max_attempts: undefined }));
    });
    const rows = await db
      .selectFrom('engine_jobs')
      .select(['key', 'payload', 'max_attempts', 'status', 'run_at'])
      .where('kind', '=', 'batch.test')
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { key: null, payload: { nested: ['a', 1] }, max_attempts: 3, status: 'pending', run_at: runAt },
      { key: 'k', payload: {}, max_attempts: 8, status: 'pending', run_at: runAt },
    ]);
    await db.deleteFrom('engine_jobs').where('kind', '=', 'batch.test').execute();
  });

  it('runs what was asked for before its rows are written (seeing and changing them), and what waits for its commit only once it committed', async () => {
    const order: string[] = [];
    await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'settings', setting('before.a'));
      expect(
        deferBeforeWriting(tx, 'change', async (inner) => {
          order.push(
            `before: ${deferredRowsOf(inner, 'settings').map((r) => r.key)} ${JSON.stringify(await keys(inner))}`,
          );
          changeDeferred(
            inner,
            'settings',
            (row) => row.key === 'batch.before.a',
            (row) => ({ ...row, value: JSON.stringify('changed before the write') }),
          );
          // One asked for by another runs too, before the write.
          deferBeforeWriting(inner, 'add', async (again) => {
            await insertDeferrable(again, 'settings', setting('before.b'));
          });
        }),
      ).toBe(true);
      deferOnce(tx, 'after', async (inner) => void order.push(`after the write: ${(await keys(inner)).join(' ')}`));
      expect(afterCommit(tx, () => void order.push('committed'))).toBe(true);
      order.push('work done');
    });
    expect(order).toEqual([
      'work done',
      'before: batch.before.a []',
      'after the write: batch.before.a batch.before.b',
      'committed',
    ]);
    const value = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'batch.before.a')
      .executeTakeFirst();
    expect(value).toEqual({ value: 'changed before the write' });
    // Rolled back: nothing waits for a commit that never came.
    const after: string[] = [];
    await expect(
      failFastTransaction(db, async (tx) => {
        afterCommit(tx, () => void after.push('committed'));
        throw new Error('the batch fails');
      }),
    ).rejects.toThrow('the batch fails');
    expect(after).toEqual([]);
    // Outside a batch they say no, and run nothing.
    await inTransaction(db, async (tx) => {
      expect(deferBeforeWriting(tx, 'x', async () => void after.push('before'))).toBe(false);
      expect(afterCommit(tx, () => void after.push('committed'))).toBe(false);
      expect(deferredRowsOf(tx, 'settings')).toEqual([]);
    });
    expect(after).toEqual([]);
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

describe('the writes at the commit', () => {
  /** The statements sent while `work` runs. */
  const statementsDuring = async (work: () => Promise<unknown>): Promise<string[]> => {
    const statements: string[] = [];
    const stopSpying = spyOnStatements((_client, text, result) => {
      statements.push(text);
      return result;
    });
    try {
      await work();
    } finally {
      stopSpying();
    }
    return statements;
  };

  it("are one statement for every table's rows; a row may refer to a row written first (writtenFirst) or in the same statement", async () => {
    await sql`CREATE TABLE IF NOT EXISTS batch_parent (id text PRIMARY KEY)`.execute(db);
    await sql`CREATE TABLE IF NOT EXISTS batch_child (id text PRIMARY KEY, parent_id text NOT NULL REFERENCES batch_parent (id))`.execute(
      db,
    );
    const statements = await statementsDuring(() =>
      failFastTransaction(db, async (tx) => {
        // The child first, as a batch may add them: its parent is still written before it, in the same statement.
        await insertDeferrable(tx, 'batch_child' as never, { id: 'c1', parent_id: 'p1' } as never);
        await insertDeferrable(tx, 'settings', setting('together'));
        await insertDeferrable(tx, 'engine_jobs', job('batch.together'));
        await insertDeferrable(tx, 'batch_parent' as never, { id: 'p1' } as never, { writtenFirst: true });
      }),
    );
    const writes = statements.filter((text) => /insert into/i.test(text));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^with w0 as \(insert into "batch_parent"/);
    expect(await keys()).toEqual(['batch.together']);
    expect((await sql<{ parent_id: string }>`SELECT parent_id FROM batch_child`.execute(db)).rows).toEqual([
      { parent_id: 'p1' },
    ]);
    expect(await db.selectFrom('engine_jobs').select('id').where('kind', '=', 'batch.together').execute()).toHaveLength(
      1,
    );
  });

  it('are prepared when small (the shape of a small batch comes back), not when large (its text is seldom seen twice)', async () => {
    const write = async (kind: string, settings: number) => {
      const texts = (
        await statementsDuring(() =>
          failFastTransaction(db, async (tx) => {
            for (let i = 0; i < settings; i++) await insertDeferrable(tx, 'settings', setting(`${kind}.${i}`));
            await insertDeferrable(tx, 'engine_jobs', job(`batch.${kind}`));
          }),
        )
      ).filter((text) => /insert into "engine_jobs"/.test(text));
      expect(texts).toHaveLength(1);
      return texts[0]!.startsWith(UNPREPARED) ? 'unprepared' : 'prepared';
    };
    expect(await write('small', 2)).toBe('prepared');
    expect(await write('large', 300)).toBe('unprepared'); // 900 values
    expect(await keys()).toHaveLength(302);
  });

  it('give back what the database set in the rows that asked for it (returning), written early or at the commit, with no query of their own', async () => {
    const seen: Array<ReadonlyArray<Record<string, unknown>>> = [];
    const statements = await statementsDuring(() =>
      failFastTransaction(db, async (tx) => {
        await insertDeferrable(tx, 'engine_jobs', job('batch.returned.early'), { returning: ['id', 'kind'] });
        await flushDeferred(tx, 'engine_jobs');
        seen.push([...returnedRows(tx, 'engine_jobs')]);
        await insertDeferrable(tx, 'engine_jobs', job('batch.returned.late'), { returning: ['id', 'kind'] });
        await insertDeferrable(tx, 'settings', setting('returned'));
        deferOnce(tx, 'look', async (inner) => void seen.push([...returnedRows(inner, 'engine_jobs')]));
      }),
    );
    const ids = await db
      .selectFrom('engine_jobs')
      .select(['id', 'kind'])
      .where('kind', 'like', 'batch.returned.%')
      .orderBy('id')
      .execute();
    expect(ids).toHaveLength(2);
    expect(seen).toEqual([[ids[0]], ids]);
    expect(statements.filter((text) => /insert into/i.test(text))).toHaveLength(2);
    expect(statements.filter((text) => /^select/i.test(text.trim()))).toEqual([]);
  });

  it("give back the rows of every table that asks (returning), several in the one statement, and take the database's clock for a lease", async () => {
    await sql`CREATE TABLE IF NOT EXISTS batch_numbered (id text PRIMARY KEY, n serial)`.execute(db);
    const seen: Array<Record<string, unknown>> = [];
    let began: Date | undefined;
    const statements = await statementsDuring(() =>
      failFastTransaction(db, async (tx) => {
        began = (await sql<{ now: Date }>`SELECT now() AS now`.execute(tx)).rows[0]!.now;
        await insertDeferrable(tx, 'batch_numbered' as never, { id: 'first' } as never, { returning: ['id', 'n'] });
        await insertDeferrable(
          tx,
          'engine_jobs',
          {
            ...job('batch.leased'),
            key: 'batch.leased.1',
            locked_by: 'me',
            locked_until: databaseNowPlus(60) as never,
          },
          { onConflictDoNothing: 'key' },
        );
        // Asked for after the row was added, as a lease is (outbox.ts).
        expect(returnFromDeferred(tx, 'engine_jobs', 'key', ['id', 'key'])).toBe(true);
        expect(returnFromDeferred(tx, 'engine_jobs', undefined, ['id'])).toBe(false);
        deferOnce(tx, 'look', async (inner) => {
          seen.push(...returnedRows(inner, 'batch_numbered' as never), ...returnedRows(inner, 'engine_jobs'));
        });
      }),
    );
    expect(statements.filter((text) => /insert into/i.test(text))).toHaveLength(1);
    const leased = await sql<{ id: string; locked_until: Date }>`
      SELECT id, locked_until FROM engine_jobs WHERE key = 'batch.leased.1'`.execute(db);
    const numbered = await sql<{ n: number }>`SELECT n FROM batch_numbered WHERE id = 'first'`.execute(db);
    expect(seen).toEqual([
      { id: 'first', n: numbered.rows[0]!.n },
      { id: Number(leased.rows[0]!.id), key: 'batch.leased.1' },
    ]);
    // The lease ends a minute after the batch began, by the database's clock.
    expect(leased.rows[0]!.locked_until.getTime() - began!.getTime()).toBe(60_000);
  });

  it('fall back to one INSERT a table, in order, when a row holds an SQL expression; all or nothing either way', async () => {
    await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'settings', { ...setting('expression'), updated_at: sql<Date>`now()` as never });
      await insertDeferrable(tx, 'engine_jobs', job('batch.expression'));
    });
    expect(await keys()).toEqual(['batch.expression']);
    expect(
      await db.selectFrom('engine_jobs').select('id').where('kind', '=', 'batch.expression').execute(),
    ).toHaveLength(1);
    await expect(
      failFastTransaction(db, async (tx) => {
        await insertDeferrable(tx, 'settings', setting('never'));
        await insertDeferrable(tx, 'engine_jobs', { ...job('batch.never'), max_attempts: null as never });
      }),
    ).rejects.toMatchObject({ code: '23502' });
    expect(await keys()).toEqual(['batch.expression']);
  });

  it('written early for one table, write the rows it may refer to (writtenFirst) first', async () => {
    await sql`CREATE TABLE IF NOT EXISTS batch_parent (id text PRIMARY KEY)`.execute(db);
    await sql`CREATE TABLE IF NOT EXISTS batch_child (id text PRIMARY KEY, parent_id text NOT NULL REFERENCES batch_parent (id))`.execute(
      db,
    );
    const seen = await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'batch_parent' as never, { id: 'p2' } as never, { writtenFirst: true });
      await insertDeferrable(tx, 'batch_child' as never, { id: 'c2', parent_id: 'p2' } as never);
      await flushDeferred(tx, 'batch_child' as never);
      return (await sql<{ id: string }>`SELECT id FROM batch_child WHERE id = 'c2'`.execute(tx)).rows;
    });
    expect(seen).toEqual([{ id: 'c2' }]);
  });
});

describe('writing deferred rows early', () => {
  it("writes now the rows deferred for one table, so they can be updated in the batch; other tables' rows stay deferred", async () => {
    const seen = await failFastTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'settings', setting('flushed'));
      await insertDeferrable(tx, 'engine_jobs', job('batch.test'));
      await flushDeferred(tx, 'settings');
      await tx
        .updateTable('settings')
        .set({ value: JSON.stringify('updated') })
        .where('key', '=', 'batch.flushed')
        .execute();
      const jobs = await tx.selectFrom('engine_jobs').select('id').where('kind', '=', 'batch.test').execute();
      await insertDeferrable(tx, 'settings', setting('after'));
      return { keys: await keys(tx), jobs: jobs.length };
    });
    expect(seen).toEqual({ keys: ['batch.flushed'], jobs: 0 });
    expect(await keys()).toEqual(['batch.after', 'batch.flushed']);
    const flushed = await db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'batch.flushed')
      .executeTakeFirstOrThrow();
    expect(flushed.value).toBe('updated');
    expect(await db.selectFrom('engine_jobs').select('id').where('kind', '=', 'batch.test').execute()).toHaveLength(1);
  });

  it('is a no-op outside a batch, where deferrable rows were written at once', async () => {
    await inTransaction(db, async (tx) => {
      await insertDeferrable(tx, 'settings', setting('now'));
      await flushDeferred(tx, 'settings');
    });
    expect(await keys()).toEqual(['batch.now']);
  });
});

describe('the context a handle and a transaction carry', () => {
  it('keeps a transaction value for the rest of that transaction only, in either mode; none outside such a transaction', async () => {
    for (const run of [inTransaction, failFastTransaction] as const) {
      await run(db, async (tx) => {
        expect(transactionValue.get(tx, 'test.value')).toBeUndefined();
        transactionValue.set(tx, 'test.value', 42);
        expect(transactionValue.get(tx, 'test.value')).toBe(42);
      });
      await run(db, async (tx) => expect(transactionValue.get(tx, 'test.value')).toBeUndefined());
    }
    transactionValue.set(db, 'test.value', 1);
    expect(transactionValue.get(db, 'test.value')).toBeUndefined();
  });

  it('keeps one handle value per connectDatabase, seen from its transactions too', async () => {
    let made = 0;
    const first = handleValue(db, 'test.handle', () => ({ made: ++made }));
    await inTransaction(db, async (tx) => expect(handleValue(tx, 'test.handle', () => ({ made: ++made }))).toBe(first));
    expect(made).toBe(1);
    const other = await createTestDatabase();
    try {
      expect(handleValue(other.db, 'test.handle', () => ({ made: ++made }))).not.toBe(first);
    } finally {
      await other.drop();
    }
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
