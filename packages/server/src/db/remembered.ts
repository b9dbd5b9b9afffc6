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
import { handleValue } from './context.js';
import { ChangeFeed, listenForChanges } from './listen.js';

export const REMEMBERED_TABLES_CHANNEL = 'tocsin_remembered_tables';

/** The tables remembered this way (each has migration 0029's trigger). */
export type RememberedTable = 'sla_targets' | 'webhook_subscriptions';
const TABLES: readonly RememberedTable[] = ['sla_targets', 'webhook_subscriptions'];

const FEEDS = 'db.remembered-tables';

/** A handle's feeds, one per table (shared with other handles on the same database: shareRememberedTables). */
const feedsOf = (db: Db): Map<RememberedTable, ChangeFeed> =>
  handleValue(db, FEEDS, () => new Map(TABLES.map((table) => [table, new ChangeFeed()])));

/**
 * `other`, a second handle on the same database in this process (the
 * engine's), hears what `db` hears and knows the changes made through it:
 * one listener for both. Call before either reads.
 */
export function shareRememberedTables(db: Db, other: Db): void {
  handleValue(other, FEEDS, () => feedsOf(db));
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

/** A change to `table` this node is making: its memory is not trusted until the change is heard back. */
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
