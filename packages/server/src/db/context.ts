/**
 * What the database layer carries along with a handle, so domain code never
 * keeps WeakMaps keyed by database handles and never asks which kind of
 * transaction it is in:
 *
 * - a handle context, one per connectDatabase (shared by every handle and
 *   transaction derived from it): state that lives as long as the pool
 *   (handleValue);
 * - a transaction context, one per transaction begun by inTransaction or
 *   failFastTransaction: values kept for the rest of the transaction
 *   (transactionValue), and the rows and actions it writes at its commit
 *   (db/batch.ts).
 *
 * Both are Kysely plugins that change no query: they only ride along.
 */
import type {
  AliasNode,
  Insertable,
  OperationNode,
  TableNode,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database } from './schema.js';

/** client.ts's Db, named here too: client.ts builds on this file. */
type Db = Kysely<Database>;

abstract class RideAlong implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** What a Kysely-built query writes: the table (the first one named) and how, if it is an INSERT, UPDATE or DELETE. */
function writeOf(node: RootOperationNode): { table: string; operation: WriteOperation } | undefined {
  const table = writtenTable(node);
  if (table === undefined) return undefined;
  const operation = node.kind === 'InsertQueryNode' ? 'insert' : node.kind === 'UpdateQueryNode' ? 'update' : 'delete';
  return { table, operation };
}

export type WriteOperation = 'insert' | 'update' | 'delete';

/** The table a Kysely-built INSERT, UPDATE or DELETE writes (the first one named), if the query is one. */
function writtenTable(node: RootOperationNode): string | undefined {
  const nameOf = (table: OperationNode | undefined): string | undefined => {
    if (table?.kind === 'AliasNode') return nameOf((table as AliasNode).node);
    return table?.kind === 'TableNode' ? (table as TableNode).table.identifier.name : undefined;
  };
  if (node.kind === 'InsertQueryNode') return nameOf(node.into);
  if (node.kind === 'UpdateQueryNode') return nameOf(node.table);
  if (node.kind === 'DeleteQueryNode') return nameOf(node.from.froms[0]);
  return undefined;
}

/** Carried by every handle connectDatabase makes. */
export class HandleContext extends RideAlong {
  readonly values = new Map<string, unknown>();
  /**
   * Told the table of every INSERT, UPDATE and DELETE built with Kysely on
   * this handle or its transactions, and which it is, before it runs
   * (remembered tables: db/remembered.ts; jobs written: outbox.ts). Raw SQL
   * is not seen.
   */
  readonly writeWatchers: Array<(table: string, operation: WriteOperation) => void> = [];

  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.writeWatchers.length > 0) {
      const write = writeOf(args.node);
      if (write !== undefined) for (const watch of this.writeWatchers) watch(write.table, write.operation);
    }
    return args.node;
  }
  /** `spare`: connections the pool could hand out now without anyone waiting (idle, or not yet opened). */
  constructor(readonly spare: () => number = () => 0) {
    super();
  }
  /** How to end the values that hold resources (handleValue's `dispose`), run when the handle closes. */
  readonly disposers: Array<() => void | Promise<void>> = [];

  async dispose(): Promise<void> {
    for (const dispose of this.disposers.splice(0).reverse()) await dispose();
  }
}

/** Rows kept in memory to be written with one multi-row INSERT per table at the commit (db/batch.ts). */
export interface DeferredRows {
  table: keyof Database;
  /** Rows that would repeat a unique `onConflictDoNothing` column are skipped, as ON CONFLICT DO NOTHING does. */
  onConflictDoNothing: string | undefined;
  /** Rows other deferred rows refer to (a new incident): written before any other table's (insertDeferrable's writtenFirst). */
  writtenFirst: boolean;
  /** Columns the database gives the rows (a sequence's number) that the transaction reads back as they are written (returnedRows). */
  returning: readonly string[] | undefined;
  rows: Array<Insertable<Database[keyof Database]>>;
}

/** Carried by a transaction begun by inTransaction (careful) or failFastTransaction (fail-fast: writes at its commit). */
export class TransactionContext extends RideAlong {
  readonly values = new Map<string, unknown>();
  /** By table and conflict column, in the order first used (fail-fast only). */
  readonly deferred = new Map<string, DeferredRows>();
  /** Run once each before the deferred rows are written; they may still add or change some (fail-fast only). */
  readonly beforeWriting = new Map<string, (tx: Db) => Promise<void>>();
  /** Run once each after the deferred rows are written (fail-fast only). */
  readonly afterwards = new Map<string, (tx: Db) => Promise<void>>();
  /** Run after the transaction has committed, never if it did not (fail-fast only). */
  readonly afterCommit: Array<() => void> = [];
  /** What the deferred rows written so far returned (their `returning` columns), by table (fail-fast only). */
  readonly returned = new Map<keyof Database, Array<Record<string, unknown>>>();
  constructor(readonly failFast: boolean) {
    super();
  }
}

function innermost<T>(db: Db, type: abstract new (...args: never[]) => T): T | undefined {
  const plugins = db.getExecutor().plugins;
  for (let i = plugins.length - 1; i >= 0; i--) if (plugins[i] instanceof type) return plugins[i] as T;
  return undefined;
}

/** The handle context of `db` (or of the handle it is a transaction of); undefined for a handle not made by connectDatabase. */
export const handleContextOf = (db: Db): HandleContext | undefined => innermost(db, HandleContext);

export const transactionContextOf = (db: Db): TransactionContext | undefined =>
  db.isTransaction ? innermost(db, TransactionContext) : undefined;

/**
 * The value kept under `key` for the life of this database handle (its pool),
 * made by `create` the first time it is asked for. For state a module keeps
 * per app, like a coalesced wake-up, without a WeakMap keyed by the handle.
 * A value holding resources (an SMTP pool) is given `dispose`, run when the
 * handle closes: after the work that used it (the engine) has stopped.
 */
export function handleValue<T>(db: Db, key: string, create: () => T, dispose?: (value: T) => void | Promise<void>): T {
  const context = innermost(db, HandleContext);
  if (!context) throw new Error(`This database handle was not made by connectDatabase, so it keeps no ${key}.`);
  if (!context.values.has(key)) {
    const value = create();
    context.values.set(key, value);
    if (dispose) context.disposers.push(() => dispose(value));
  }
  return context.values.get(key) as T;
}

/** Connections the handle's pool could hand out now without anyone waiting; 0 for a handle not made by connectDatabase. */
export const spareConnections = (db: Db): number => innermost(db, HandleContext)?.spare() ?? 0;

/**
 * A value kept for the rest of the transaction `db` (a cache of what it read
 * once, say). Outside a transaction begun by inTransaction or
 * failFastTransaction nothing is kept: `get` then finds nothing, so a caller
 * must treat the value as a shortcut and be correct without it.
 */
export const transactionValue = {
  get<T>(db: Db, key: string): T | undefined {
    return transactionContextOf(db)?.values.get(key) as T | undefined;
  },
  set(db: Db, key: string, value: unknown): void {
    transactionContextOf(db)?.values.set(key, value);
  },
};

/**
 * The people a transaction expects to page (an alerts batch's first steps,
 * said by paging's knowUsers): a hint that lets a reader of their settings
 * (notify's page rules) read them all at once instead of person by person
 * (ADR 34). Only a hint: a reader must be right without it.
 */
export const expectedPagedUsers = {
  get: (db: Db): readonly string[] | undefined => transactionValue.get<string[]>(db, 'expected-paged-users'),
  set: (db: Db, userIds: readonly string[]): void => transactionValue.set(db, 'expected-paged-users', userIds),
};
