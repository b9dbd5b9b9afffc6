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
 * Writes at commit (the one facility for them; ADR 15): rows that nothing in
 * the batch reads back (timeline entries, notifications, jobs, paging state)
 * are kept in the transaction's context (db/context.ts) and written with one
 * multi-row INSERT per table just before the commit, in the order they were
 * added (rows the others refer to, `writtenFirst`, before all of them); a
 * module that later reads or updates such rows in the same transaction
 * writes them first (flushDeferred). Only a fail-fast batch defers: there no
 * savepoint can roll back a part of the batch and leave a deferred row behind
 * for something that was undone; anywhere else they are written at once.
 * Domain code calls insertDeferrable, flushDeferred and deferOnce the same way
 * in every mode and never asks which one it is in.
 */
import { CompiledQuery, sql, type Insertable } from 'kysely';
import { UNPREPARED, type Db } from './client.js';
import { TransactionContext, transactionContextOf, type DeferredRows } from './context.js';
import type { Database } from './schema.js';

/** Rows per INSERT when deferred rows are written, far below PostgreSQL's 65,535 parameters. */
const ROWS_PER_INSERT = 500;

/** The transaction's context when it is a fail-fast batch (writes at commit are deferred there only). */
function batchOf(db: Db): TransactionContext | undefined {
  const context = transactionContextOf(db);
  return context?.failFast ? context : undefined;
}

/**
 * Whether `db` is a fail-fast batch transaction (withSavepoint skips the
 * savepoint there). For the db layer: domain code writes at commit with
 * insertDeferrable, flushDeferred and deferOnce, the same way in every mode.
 */
export const isFailFast = (db: Db): boolean => batchOf(db) !== undefined;

let savepoints = 0;

/**
 * Runs `work` inside a savepoint of the open transaction `tx`: if it throws,
 * only its own writes are undone and the transaction goes on. Returns the
 * error instead of throwing it. In a fail-fast batch (below) there is no
 * savepoint and the error is thrown: the whole batch is redone with care.
 */
export async function withSavepoint(
  tx: Db,
  work: () => Promise<void>,
): Promise<{ ok: true } | { ok: false; error: unknown }> {
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
  const context = new TransactionContext(true);
  return db
    .transaction()
    .execute(async (raw) => {
      const tx = raw.withPlugin(context);
      const result = await work(tx);
      await writeDeferred(tx, context);
      return result;
    })
    .then((result) => {
      // Committed: now what waited for it (afterCommit); a failed transaction never gets here.
      for (const action of context.afterCommit.splice(0)) action();
      return result;
    });
}

/**
 * Inserts `row` into `table`: in a fail-fast batch, at its commit (with the
 * other deferred rows of the table); anywhere else, now. For rows nothing
 * reads back before the transaction commits (or whose readers call
 * flushDeferred first). With `onConflictDoNothing`, a row that would repeat
 * that unique column is skipped. With `writtenFirst`, the table's rows are
 * ones other deferred rows refer to (a new incident): they are written before
 * any other table's, at the commit and whenever another table is flushed.
 */
export async function insertDeferrable<T extends keyof Database>(
  db: Db,
  table: T,
  row: Insertable<Database[T]>,
  options: { onConflictDoNothing?: string; writtenFirst?: boolean; returning?: readonly string[] } = {},
): Promise<void> {
  const batch = batchOf(db);
  if (!batch) {
    await insertRows(db, { table, onConflictDoNothing: options.onConflictDoNothing, rows: [row] });
    return;
  }
  const key = `${table} ${options.onConflictDoNothing ?? ''}`;
  let deferred = batch.deferred.get(key);
  if (!deferred)
    batch.deferred.set(
      key,
      (deferred = {
        table,
        onConflictDoNothing: options.onConflictDoNothing,
        writtenFirst: options.writtenFirst ?? false,
        returning: options.returning,
        rows: [],
      }),
    );
  deferred.rows.push(row as Insertable<Database[keyof Database]>);
}

/**
 * Inserts `rows` into `table` as insertDeferrable does each of them: in a
 * fail-fast batch at its commit, in order with the table's other deferred
 * rows; anywhere else now, in one multi-row INSERT (per 500 rows).
 */
export async function insertManyDeferrable<T extends keyof Database>(
  db: Db,
  table: T,
  rows: ReadonlyArray<Insertable<Database[T]>>,
): Promise<void> {
  if (rows.length === 0) return;
  const batch = batchOf(db);
  if (!batch) {
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
      await insertRows(db, { table, rows: rows.slice(start, start + ROWS_PER_INSERT) });
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

/**
 * In a fail-fast batch, runs `action` once, before the deferred rows are
 * written, however often it is asked for under `key`, and returns true;
 * anywhere else returns false. The action may read, and may still add or
 * change deferred rows (changeDeferred): it sees the batch's rows as they
 * will be written. Actions asked for by an action run too.
 */
export function deferBeforeWriting(db: Db, key: string, action: (tx: Db) => Promise<void>): boolean {
  const batch = batchOf(db);
  if (!batch) return false;
  if (!batch.beforeWriting.has(key)) batch.beforeWriting.set(key, action);
  return true;
}

/**
 * In a fail-fast batch, runs `action` once the batch has committed (never
 * if it rolls back: a batch redone with care runs none), and returns true;
 * anywhere else returns false. For handing what the batch decided to work
 * in this process; the action must not throw, and must not count on being
 * run (the process may die first): what it does, the database must also
 * lead to on its own.
 */
export function afterCommit(db: Db, action: () => void): boolean {
  const batch = batchOf(db);
  if (!batch) return false;
  batch.afterCommit.push(action);
  return true;
}

/** The rows of `table` this fail-fast batch still holds to write at its commit (none anywhere else), not to be changed. */
export function deferredRowsOf<T extends keyof Database>(db: Db, table: T): ReadonlyArray<Insertable<Database[T]>> {
  const batch = batchOf(db);
  if (!batch) return [];
  const rows: Array<Insertable<Database[T]>> = [];
  for (const deferred of batch.deferred.values())
    if (deferred.table === table) rows.push(...(deferred.rows as Array<Insertable<Database[T]>>));
  return rows;
}

/**
 * Makes the deferred rows of `table` (with conflict column
 * `onConflictDoNothing`) give back `columns` as they are written
 * (returnedRows), as insertDeferrable's `returning` does. False when the
 * batch holds no such rows.
 */
export function returnFromDeferred(
  db: Db,
  table: keyof Database,
  onConflictDoNothing: string | undefined,
  columns: readonly string[],
): boolean {
  const deferred = batchOf(db)?.deferred.get(`${table} ${onConflictDoNothing ?? ''}`);
  if (!deferred) return false;
  deferred.returning = [...new Set([...(deferred.returning ?? []), ...columns])];
  return true;
}

/** A cell's value that is the database's clock at the write, `seconds` on (databaseNowPlus). */
export class DatabaseNowPlus {
  constructor(readonly seconds: number) {}
}

/**
 * A value for a deferred row's timestamp column: the database's now() plus
 * `seconds` (a lease that must follow the database's time, not this
 * process's clock).
 */
export const databaseNowPlus = (seconds: number): DatabaseNowPlus => new DatabaseNowPlus(seconds);

/**
 * In a fail-fast batch, changes in memory a row still deferred for `table`
 * (the first for which `matches` holds) and returns true; false when there
 * is none (outside a batch, or the row is written already), and the caller
 * updates the table as usual. Saves the flush and the UPDATE when a batch
 * writes a row and then changes it, as an incident's first step does to the
 * analytics snapshot taken when it opened.
 */
export function changeDeferred<T extends keyof Database>(
  db: Db,
  table: T,
  matches: (row: Insertable<Database[T]>) => boolean,
  change: (row: Insertable<Database[T]>) => Insertable<Database[T]>,
): boolean {
  const batch = batchOf(db);
  if (!batch) return false;
  for (const deferred of batch.deferred.values()) {
    if (deferred.table !== table) continue;
    const rows = deferred.rows as Array<Insertable<Database[T]>>;
    const at = rows.findIndex(matches);
    if (at === -1) continue;
    rows[at] = change(rows[at]!);
    return true;
  }
  return false;
}

/**
 * Writes now the rows deferred for `table` in this transaction (none outside
 * a fail-fast batch): for a module about to update or read rows it wrote at
 * commit. The rows of other tables stay deferred, except those it may refer
 * to (`writtenFirst`), written before it.
 */
export async function flushDeferred(db: Db, table: keyof Database): Promise<void> {
  const batch = batchOf(db);
  if (!batch) return;
  // What the table's rows may refer to goes first.
  await writeWhere(db, batch, (deferred) => deferred.writtenFirst);
  await writeWhere(db, batch, (deferred) => deferred.table === table);
}

async function writeWhere(
  db: Db,
  batch: TransactionContext,
  which: (deferred: DeferredRows) => boolean,
): Promise<void> {
  for (const [key, deferred] of batch.deferred) {
    if (!which(deferred)) continue;
    batch.deferred.delete(key);
    await writeRows(db, deferred);
  }
}

/** One multi-row INSERT: a table's rows, skipping those that repeat `onConflictDoNothing`, giving back `returning`. */
interface RowsInsert {
  table: keyof Database;
  rows: readonly unknown[];
  onConflictDoNothing?: string | undefined;
  returning?: readonly string[] | undefined;
}

/**
 * One multi-row INSERT, its text made here rather than by Kysely's builder:
 * deferred rows are plain values (no SQL expressions), and building and
 * compiling Kysely's tree for every cell of every row was the largest share
 * of the query builder's time per event in a storm (ADR 35). The text is
 * what Kysely would make: the columns any row gives a value (undefined is
 * no value) in the order first seen, DEFAULT where a row has none, every
 * value a parameter. Rows holding a Kysely expression go through Kysely.
 */
async function insertRows(db: Db, insert: RowsInsert): Promise<Array<Record<string, unknown>>> {
  const parameters: unknown[] = [];
  const text = insertText(insert, parameters);
  if (text === undefined) return insertWithKysely(db, insert);
  return (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters))).rows;
}

/**
 * The text of one multi-row INSERT of `rows` (insertRows), numbering its
 * parameters after those already in `parameters`, to which it adds its own;
 * undefined when it is Kysely's to write (a row holds an expression, or no
 * row gives a value).
 */
function insertText(
  { table, rows, onConflictDoNothing, returning }: RowsInsert,
  parameters: unknown[],
): string | undefined {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows as Array<Record<string, unknown>>) {
    for (const column in row) {
      const value = row[column];
      if (value === undefined || seen.has(column)) continue;
      if (isExpression(value)) return undefined;
      seen.add(column);
      columns.push(column);
    }
  }
  if (columns.length === 0) return undefined;
  const tuples: string[] = [];
  for (const row of rows as Array<Record<string, unknown>>) {
    const cells: string[] = [];
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) {
        cells.push('default');
      } else if (value instanceof DatabaseNowPlus) {
        parameters.push(value.seconds);
        cells.push(`now() + make_interval(secs => $${parameters.length})`);
      } else {
        parameters.push(value);
        cells.push(`$${parameters.length}`);
      }
    }
    tuples.push(`(${cells.join(', ')})`);
  }
  let text = `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) values ${tuples.join(', ')}`;
  if (onConflictDoNothing) text += ` on conflict (${quoted(onConflictDoNothing)}) do nothing`;
  if (returning?.length) text += ` returning ${returning.map(quoted).join(', ')}`;
  return text;
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A Kysely expression (sql`...`, a reference...) rather than a value. */
const isExpression = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { toOperationNode?: unknown }).toOperationNode === 'function';

async function insertWithKysely(
  db: Db,
  { table, rows, onConflictDoNothing, returning }: RowsInsert,
): Promise<Array<Record<string, unknown>>> {
  const values = (rows as Array<Record<string, unknown>>).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        value instanceof DatabaseNowPlus ? sql`now() + make_interval(secs => ${value.seconds})` : value,
      ]),
    ),
  );
  const insert = db.insertInto(table).values(values as never);
  const resolved = onConflictDoNothing
    ? insert.onConflict((oc) => oc.column(onConflictDoNothing as never).doNothing())
    : insert;
  if (!returning?.length) {
    await resolved.execute();
    return [];
  }
  return (await resolved.returning(returning as never).execute()) as Array<Record<string, unknown>>;
}

async function writeRows(tx: Db, deferred: DeferredRows): Promise<void> {
  for (let start = 0; start < deferred.rows.length; start += ROWS_PER_INSERT) {
    const rows = deferred.rows.slice(start, start + ROWS_PER_INSERT);
    keepReturned(tx, deferred.table, await insertRows(tx, { ...deferred, rows }));
  }
}

/** Keeps what deferred rows returned, for returnedRows. */
function keepReturned(tx: Db, table: keyof Database, rows: Array<Record<string, unknown>>): void {
  const batch = batchOf(tx);
  if (!batch || rows.length === 0) return;
  const kept = batch.returned.get(table);
  if (kept) kept.push(...rows);
  else batch.returned.set(table, rows);
}

/**
 * What this batch's deferred rows of `table` written so far returned (the
 * columns insertDeferrable's `returning` named): none outside a batch,
 * where rows are written at once, nor for rows still deferred.
 */
export function returnedRows(db: Db, table: keyof Database): ReadonlyArray<Record<string, unknown>> {
  return batchOf(db)?.returned.get(table) ?? [];
}

async function writeDeferred(tx: Db, batch: TransactionContext): Promise<void> {
  while (batch.beforeWriting.size > 0) {
    const [key, action] = batch.beforeWriting.entries().next().value!;
    await action(tx);
    batch.beforeWriting.delete(key);
  }
  const all = [...batch.deferred.values()];
  const ordered = [...all.filter((d) => d.writtenFirst), ...all.filter((d) => !d.writtenFirst)];
  batch.deferred.clear();
  if (!(await writeTogether(tx, ordered))) for (const deferred of ordered) await writeRows(tx, deferred);
  for (const action of batch.afterwards.values()) await action(tx);
  batch.afterwards.clear();
}

/** Parameters one statement may carry at most (PostgreSQL's limit is 65,535). */
const MAX_PARAMETERS = 30_000;

/**
 * The commit's statement is prepared up to this many values: a small batch's
 * shape (a row or two a table) comes back all the time, and a prepared one
 * is neither parsed nor planned again; a larger one's text is seldom seen
 * twice, and its plan would only fill the connection's cache and the
 * server's memory.
 */
const PREPARED_AT_MOST = 600;

/**
 * Every table's deferred rows in one statement, each table's INSERT a
 * data-modifying WITH of the last, at one round trip for the lot.
 * PostgreSQL checks foreign keys at the end of a statement, so a row may
 * refer to one that another part of it writes, and statement triggers see
 * the whole. Returns false, having written nothing, when the rows are not
 * for one statement (a row needs Kysely, a table comes twice, too many
 * values): the caller then writes table by table, in order. Its text
 * changes with the rows: prepared only when small (PREPARED_AT_MOST).
 */
async function writeTogether(tx: Db, groups: DeferredRows[]): Promise<boolean> {
  if (groups.length === 0) return true;
  if (new Set(groups.map((g) => g.table)).size < groups.length) return false;
  if (groups.some((g) => g.rows.length > ROWS_PER_INSERT)) return false;
  // What one table's rows return is what the statement returns; of several, each row as json, named by its table.
  const returners = groups.filter((g) => g.returning?.length);
  const parameters: unknown[] = [];
  const inserts: string[] = [];
  for (const group of groups) {
    const text = insertText(group, parameters);
    if (text === undefined || parameters.length > MAX_PARAMETERS) return false;
    inserts.push(text);
  }
  const returner = returners.length === 1 ? returners[0] : undefined;
  const parts = (insertsInWith: string[]) => insertsInWith.map((insert, i) => `w${i} as (${insert})`).join(', ');
  let text: string;
  if (inserts.length === 1) text = inserts[0]!;
  else if (returner) text = `with ${parts(inserts)} select * from w${groups.indexOf(returner)}`;
  else if (returners.length > 1)
    text = `with ${parts(inserts)} ${returners
      .map((g) => groups.indexOf(g))
      .map((at) => `select ${at} as "group", to_jsonb(w${at}) as "row" from w${at}`)
      .join(' union all ')}`;
  else text = `with ${parts(inserts.slice(0, -1))} ${inserts.at(-1)}`;
  const prepare = parameters.length <= PREPARED_AT_MOST;
  const result = await tx.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw((prepare ? '' : UNPREPARED) + text, parameters),
  );
  if (returner) keepReturned(tx, returner.table, result.rows);
  else if (returners.length > 1)
    for (const g of returners) {
      const at = groups.indexOf(g);
      keepReturned(
        tx,
        g.table,
        result.rows.filter((r) => r.group === at).map((r) => r.row as Record<string, unknown>),
      );
    }
  return true;
}
