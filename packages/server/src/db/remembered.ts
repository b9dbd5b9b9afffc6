/**
 * Small tables every alerts batch reads and people seldom change (the SLA
 * targets, the webhook subscriptions), remembered by each node until they
 * change, instead of read again by every batch (two statements a batch,
 * ADR 37). A statement trigger NOTIFYs the table's name on every change
 * (migration 0029) and each node LISTENs (listenForRememberedTables, a
 * connection checked every LISTEN_CHECK_MS: db/listen.ts); a node reads the
 * table afresh when it has heard a change, whenever it is not sure to have
 * heard every change (not listening, or not confirmed within
 * HEARD_WITHIN_MS), and while a change made on this node has not yet been
 * heard back (tableChangedHere). A node that does not listen (tests, tools)
 * remembers nothing: every read goes to the database, as before.
 *
 * Only for reads whose result may be a moment old on other nodes (the
 * NOTIFY's way, milliseconds): what a batch pages and measures by, not what
 * a request that changes the table reads back.
 */
import type pg from 'pg';
import type { Logger } from '../lib/logger.js';
import type { Db } from './client.js';
import { handleContextOf, handleValue, transactionValue } from './context.js';
import { ChangeFeed, listenForChanges } from './listen.js';

export const REMEMBERED_TABLES_CHANNEL = 'tocsin_remembered_tables';

/** The tables remembered this way (each has the trigger of migration 0029 or 0030). */
const TABLES = [
  'sla_targets',
  'webhook_subscriptions',
  'services',
  'maintenance_windows',
  'escalation_policies',
  'users',
  'notification_rules',
  'contact_methods',
] as const;
export type RememberedTable = (typeof TABLES)[number];

const FEEDS = 'db.remembered-tables';

/**
 * Whatever a handle writes to a remembered table with Kysely's builder
 * (every repo, and the tests' fixtures) counts as changed here
 * (ChangeFeed.changedHere) before it runs; raw SQL must say so itself
 * (tableChangedHere).
 */
function watchWrites(db: Db, feeds: Map<RememberedTable, ChangeFeed>): Map<RememberedTable, ChangeFeed> {
  handleContextOf(db)?.writeWatchers.push((table) => feeds.get(table as RememberedTable)?.changedHere());
  return feeds;
}

/** A handle's feeds, one per table (shared with other handles on the same database: shareRememberedTables). */
const feedsOf = (db: Db): Map<RememberedTable, ChangeFeed> =>
  handleValue(db, FEEDS, () => watchWrites(db, new Map(TABLES.map((table) => [table, new ChangeFeed()]))));

/**
 * `other`, a second handle on the same database in this process (the
 * engine's), hears what `db` hears and knows the changes made through
 * either: one listener for both. Call before either reads.
 */
export function shareRememberedTables(db: Db, other: Db): void {
  handleValue(other, FEEDS, () => watchWrites(other, feedsOf(db)));
}

let reads = 0;

/** LISTENs for changes to the remembered tables (on the pool's listening connection); returns how to stop. */
export function listenForRememberedTables(deps: { db: Db; pool: pg.Pool; logger: Logger }): () => Promise<void> {
  const feeds = feedsOf(deps.db);
  return listenForChanges(
    deps.pool,
    REMEMBERED_TABLES_CHANNEL,
    () => feeds.values(),
    (table) => feeds.get(table as RememberedTable)?.changed(),
    deps.logger.child({ component: 'remembered-tables' }),
  );
}

/**
 * A change to `table` this node is making with raw SQL (Kysely-built writes
 * are noticed by themselves): its memory is not trusted until the change is
 * heard back.
 */
export function tableChangedHere(db: Db, table: RememberedTable): void {
  feedsOf(db).get(table)!.changedHere();
}

/**
 * `read` of `table`, remembered per database handle while the table does
 * not change. The result is shared: callers must not change it.
 */
export function rememberedRead<T>(table: RememberedTable, read: (db: Db) => Promise<T>): (db: Db) => Promise<T> {
  const KEY = `db.remembered:${table}:${++reads}`;
  return async (db) => {
    const feed = feedsOf(db).get(table)!;
    const version = feed.version;
    if (version === undefined) return read(db);
    const memory = handleValue<{ version?: number; value?: Promise<T> }>(db, KEY, () => ({}));
    if (memory.version !== version || !memory.value) {
      const value = read(db);
      memory.version = version;
      memory.value = value;
      // A failed read is not remembered.
      value.catch(() => {
        if (memory.value === value) memory.value = undefined;
      });
    }
    return memory.value;
  };
}

/** `value` and everything in it frozen (a Date's time can still be set: rows are not expected to). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

/** Rows by id one rememberedByIds keeps at most per handle; past it, it forgets them all and starts again. */
const ROWS_KEPT = 20_000;

const TRUSTS_REMEMBERED_ROWS = 'db.trusts-remembered-rows';

/**
 * Lets the reads by id of the rest of transaction `tx` come from this
 * node's memory (rememberedByIds): for an engine batch that pages by the
 * services, policies, people and rules it reads, and changes none of them.
 * Anywhere else they read the database, as a request that changes one of
 * those tables and reads it back must.
 */
export function trustRememberedRows(tx: Db): void {
  transactionValue.set(tx, TRUSTS_REMEMBERED_ROWS, true);
}

/**
 * `read` of rows by id (the found ones, by id; `arg` passed along: an
 * answer read with one `arg` is given for another, so the caller makes
 * sure that is right, as the services' maintenance windows read at one
 * instant are for later ones), each id's answer remembered
 * per database handle while none of `tables` changes; a change to any of
 * them forgets every answer. Only in a transaction marked by
 * trustRememberedRows, and only while the feeds are trusted (listening,
 * confirmed, no change of this node unheard): otherwise `read` as it is.
 * Remembers that an id was not found, too. The rows are shared, and
 * frozen when remembered: callers must not change them.
 */
export function rememberedByIds<T, A = void>(
  tables: readonly RememberedTable[],
  read: (db: Db, ids: string[], arg: A) => Promise<Map<string, T>>,
): (db: Db, ids: readonly string[], arg: A) => Promise<Map<string, T>> {
  const KEY = `db.remembered-by-ids:${tables.join(',')}:${++reads}`;
  return async (db, ids, arg) => {
    if (!transactionValue.get<boolean>(db, TRUSTS_REMEMBERED_ROWS)) return read(db, [...new Set(ids)], arg);
    const feeds = feedsOf(db);
    const versionsNow = () => {
      const versions = tables.map((table) => feeds.get(table)!.version);
      return versions.includes(undefined) ? undefined : versions.join(',');
    };
    const versions = versionsNow();
    if (versions === undefined) return read(db, [...new Set(ids)], arg);
    const memory = handleValue(db, KEY, () => ({ versions: '', rows: new Map<string, T | null>() }));
    if (memory.versions !== versions || memory.rows.size > ROWS_KEPT) {
      memory.versions = versions;
      memory.rows = new Map();
    }
    const rows = memory.rows;
    const missing = [...new Set(ids)].filter((id) => !rows.has(id));
    const found = missing.length > 0 ? await read(db, missing, arg) : new Map<string, T>();
    // Kept only if nothing changed while it was read (a change heard meanwhile may be in it, or not);
    // frozen, as every later batch shares it: a caller that changed it would fail at once, not corrupt it.
    if (versionsNow() === versions && memory.rows === rows)
      for (const id of missing) rows.set(id, deepFreeze(found.get(id) ?? null));
    const answer = new Map<string, T>();
    for (const id of ids) {
      const row = found.get(id) ?? rows.get(id);
      if (row != null) answer.set(id, row);
    }
    return answer;
  };
}
