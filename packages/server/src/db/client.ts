/**
 * The database client: one pg Pool per process and the Kysely instance on it.
 * `Db` is what repos receive: the root handle or a transaction, same type.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { HandleContext, TransactionContext } from './context.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// int8 (bigserial ids, counts) as JS numbers would overflow past 2^53; keep
// them as strings. timestamptz stays a Date (pg default).
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

/** Prepared statements kept per connection; past this, statements run unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 500;

/**
 * A pg client that prepares each parameterised statement once per
 * connection, under a name, and afterwards only binds and executes it:
 * PostgreSQL skips parsing (and, once it settles on a generic plan,
 * planning), which was a large share of its work per alert (ADR 13).
 * Statements without parameters (migrations, SAVEPOINT) go through unnamed,
 * so several statements in one string still work.
 */
class PreparingClient extends pg.Client {
  private readonly names = new Map<string, string>();
  private counter = 0;

  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && typeof callback !== 'function') {
      let name = this.names.get(config);
      if (name === undefined && this.names.size < PREPARED_PER_CONNECTION) {
        name = `tocsin_${++this.counter}`;
        this.names.set(config, name);
      }
      if (name !== undefined) {
        return (super.query({ name, text: config, values } as never) as unknown as Promise<unknown>).catch((error: unknown) => {
          // A table changed shape under a prepared `SELECT *` (another node migrated):
          // prepare it afresh next time. This statement fails; its caller retries.
          if ((error as { code?: string }).code === '0A000') this.names.set(config, `tocsin_${++this.counter}`);
          throw error;
        }) as never;
      }
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(
  url: string,
  options: {
    maxConnections?: number;
    applicationName?: string;
    sessionSettings?: Record<string, string>;
    /** Prepare statements once per connection (default); off behind a pooler that cannot keep them (PgBouncer < 1.21 in transaction mode). */
    prepareStatements?: boolean;
  } = {},
): DbHandle {
  const settings = Object.entries(options.sessionSettings ?? {}).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'tocsin',
    connectionTimeoutMillis: 10_000,
    ...(options.prepareStatements !== false && { Client: PreparingClient }),
    ...(settings && { options: settings }),
  });
  // A client that errors (server restart, network cut), idle or in use, must
  // not crash the process: the query in flight fails and the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new HandleContext()] });
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
      // Kysely ends the pool only if it ran a query itself; raw pool users
      // (migrations, readiness) would otherwise keep the process alive.
      if (!pool.ended) await pool.end();
    },
  };
}

/**
 * Runs `work` in a transaction (or inside the one already open). The
 * transaction carries a context (db/context.ts): values kept for its length,
 * and writes at its commit, which a careful transaction makes at once.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute((tx) => work(tx.withPlugin(new TransactionContext(false))));
}

export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
