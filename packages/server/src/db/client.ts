/**
 * The database client: one pg Pool per process and the Kysely instance on it.
 * `Db` is what repos receive: the root handle or a transaction, same type.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// int8 (bigserial ids, counts) as JS numbers would overflow past 2^53; keep
// them as strings. timestamptz stays a Date (pg default).
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function connectDatabase(
  url: string,
  options: { maxConnections?: number; applicationName?: string; sessionSettings?: Record<string, string> } = {},
): DbHandle {
  const settings = Object.entries(options.sessionSettings ?? {}).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'tocsin',
    connectionTimeoutMillis: 10_000,
    ...(settings && { options: settings }),
  });
  // A client that errors (server restart, network cut), idle or in use, must
  // not crash the process: the query in flight fails and the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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

/** Runs `work` in a transaction (or inside the one already open). */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute(work);
}

export const toJson = (value: unknown): string => JSON.stringify(value ?? null);
