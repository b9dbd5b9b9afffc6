/**
 * Batch transactions: many independent units of work (a batch of alerts) in
 * one transaction that costs as few round trips to PostgreSQL as it can.
 *
 * Fail-fast: savepoints are skipped (withSavepoint runs its work directly and
 * lets an error through), so any failure aborts the whole batch. The caller
 * must then redo each unit in a careful transaction of its own, where
 * savepoints isolate failures as usual: the outcome is the same as if every
 * unit had been careful, at two round trips less per savepoint when nothing
 * fails, which is nearly always.
 *
 * Deferred inserts: rows that nothing in the batch reads back (timeline
 * entries) are kept in memory and written with one multi-row INSERT per table
 * just before the commit, in the order they were added. Only a fail-fast batch
 * defers: there no savepoint can roll back a part of the batch and leave a
 * deferred row behind for something that was undone.
 */
import {
  sql, type Insertable, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type { Db } from './client.js';
import type { Database } from './schema.js';

/** Rows per INSERT when deferred rows are written, far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

interface DeferredRows {
  table: keyof Database;
  /** Rows that would repeat a unique `onConflictDoNothing` column are skipped, as ON CONFLICT DO NOTHING does. */
  onConflictDoNothing: string | undefined;
  rows: Array<Insertable<Database[keyof Database]>>;
}

/** A Kysely plugin that changes no query: it marks a handle (and its transactions) as a fail-fast batch and holds its deferred rows. */
class BatchPlugin implements KyselyPlugin {
  /** By table and conflict column, in the order first used. */
  readonly deferred = new Map<string, DeferredRows>();
  /** Run once each after the deferred rows are written. */
  readonly afterwards = new Map<string, (tx: Db) => Promise<void>>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

function batchOf(db: Db): BatchPlugin | undefined {
  for (const plugin of db.getExecutor().plugins) if (plugin instanceof BatchPlugin) return plugin;
  return undefined;
}

/** Whether `db` is a fail-fast batch transaction (withSavepoint skips the savepoint there). */
export const isFailFast = (db: Db): boolean => batchOf(db) !== undefined;

let savepoints = 0;

/**
 * Runs `work` inside a savepoint of the open transaction `tx`: if it throws,
 * only its own writes are undone and the transaction goes on. Returns the
 * error instead of throwing it. In a fail-fast batch (below) there is no
 * savepoint and the error is thrown: the whole batch is redone with care.
 */
export async function withSavepoint(tx: Db, work: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  if (isFailFast(tx)) {
    await work();
    return { ok: true };
  }
  const name = sql.raw(`sp_${++savepoints}`);
  await sql`SAVEPOINT ${name}`.execute(tx);
  try {
    await work();
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(tx);
    return { ok: false, error };
  }
  // Released, or later statements would run nested ever deeper inside it.
  await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
  return { ok: true };
}

/**
 * Runs `work` in one fail-fast transaction and writes its deferred rows
 * before the commit. If it throws, nothing of it is kept: the caller redoes
 * the units one at a time, each in a transaction of its own.
 */
export async function failFastTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (raw) => {
    const plugin = new BatchPlugin();
    const tx = raw.withPlugin(plugin);
    const result = await work(tx);
    await writeDeferred(tx, plugin);
    return result;
  });
}

/**
 * Inserts `row` into `table`: in a fail-fast batch, at its commit (with the
 * other deferred rows of the table); anywhere else, now. For rows nothing
 * reads back before the transaction commits. With `onConflictDoNothing`, a
 * row that would repeat that unique column is skipped.
 */
export async function insertDeferrable<T extends keyof Database>(
  db: Db,
  table: T,
  row: Insertable<Database[T]>,
  options: { onConflictDoNothing?: string } = {},
): Promise<void> {
  const batch = batchOf(db);
  if (!batch) {
    await insertRows(db, table, options.onConflictDoNothing, [row]);
    return;
  }
  const key = `${table} ${options.onConflictDoNothing ?? ''}`;
  let deferred = batch.deferred.get(key);
  if (!deferred) batch.deferred.set(key, (deferred = { table, onConflictDoNothing: options.onConflictDoNothing, rows: [] }));
  deferred.rows.push(row as Insertable<Database[keyof Database]>);
}

/**
 * Inserts `rows` into `table` as insertDeferrable does each of them: in a
 * fail-fast batch at its commit, in order with the table's other deferred
 * rows; anywhere else now, in one multi-row INSERT (per 500 rows).
 */
export async function insertManyDeferrable<T extends keyof Database>(db: Db, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
  if (rows.length === 0) return;
  const batch = batchOf(db);
  if (!batch) {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await insertRows(db, table, undefined, rows.slice(start, start + ROWS_PER_INSERT));
    return;
  }
  for (const row of rows) await insertDeferrable(db, table, row);
}

/**
 * In a fail-fast batch, runs `action` once, after the deferred rows are
 * written, however often it is asked for under `key`, and returns true;
 * anywhere else returns false, and the caller acts now.
 */
export function deferOnce(db: Db, key: string, action: (tx: Db) => Promise<void>): boolean {
  const batch = batchOf(db);
  if (!batch) return false;
  if (!batch.afterwards.has(key)) batch.afterwards.set(key, action);
  return true;
}

async function insertRows(db: Db, table: keyof Database, onConflictDoNothing: string | undefined, rows: unknown[]): Promise<void> {
  const insert = db.insertInto(table).values(rows as never);
  await (onConflictDoNothing ? insert.onConflict((oc) => oc.column(onConflictDoNothing as never).doNothing()) : insert).execute();
}

async function writeDeferred(tx: Db, batch: BatchPlugin): Promise<void> {
  for (const { table, onConflictDoNothing, rows } of batch.deferred.values()) {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      await insertRows(tx, table, onConflictDoNothing, rows.slice(start, start + ROWS_PER_INSERT));
    }
  }
  batch.deferred.clear();
  for (const action of batch.afterwards.values()) await action(tx);
  batch.afterwards.clear();
}
