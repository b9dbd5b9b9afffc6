/**
 * The database client: one pg Pool per process and the Kysely instance on it.
 * `Db` is what repos receive: the root handle or a transaction, same type.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { HandleContext, TransactionContext } from './context.js';
import { AppError } from '../lib/errors.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

// int8 (bigserial ids, counts) as JS numbers would overflow past 2^53; keep
// them as strings. timestamptz stays a Date (pg default).
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => value);
// A date is a calendar day with no zone: keep PostgreSQL's YYYY-MM-DD rather
// than a Date at the server's local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Prepared statements kept per connection; past this, statements run unnamed (parsed and planned each time). */
const PREPARED_PER_CONNECTION = 500;

/**
 * Begins the text of a statement that is not to be prepared: one whose text
 * changes with its data (a batch's writes in one statement, db/batch.ts),
 * seldom the same twice, whose plan would only fill the connection's cache
 * and the server's memory.
 */
export const UNPREPARED = '/* unprepared */ ';

/** Extra wait, past the server's own statement timeout, before a silent server counts as not answering. */
const ANSWER_GRACE_MS = 1_000;

interface ClientBehaviour {
  prepare: boolean;
  /** Gives up on a statement the server has not answered after this long; undefined waits forever. */
  answerTimeoutMs: number | undefined;
}

/** The error for a database that is there but does not answer: 503 at the edge, a retry for senders. */
const notAnswering = (what: string, cause: unknown): AppError =>
  new AppError('unavailable', `Tocsin's database did not answer (${what}): retry shortly.`, { cause });

/**
 * The pg client Tocsin uses, shaped by `behaviour`:
 *
 * Prepared statements: each parameterised statement is prepared once per
 * connection, under a name, and afterwards only bound and executed:
 * PostgreSQL skips parsing (and, once it settles on a generic plan,
 * planning), which was a large share of its work per alert (ADR 13).
 * Statements without parameters (migrations, SAVEPOINT) go through unnamed,
 * so several statements in one string still work.
 *
 * Answer timeout: a server that is frozen (not stopped) keeps the socket
 * open and never answers, so its own statement_timeout never fires. After
 * the answer timeout the statement fails as `unavailable` and the connection
 * is closed: whatever else was to run on it (a ROLLBACK) fails at once too,
 * and the pool replaces it.
 */
function clientClass(behaviour: ClientBehaviour): typeof pg.Client {
  return class TocsinClient extends pg.Client {
    private readonly names = new Map<string, string>();
    private counter = 0;
    private gaveUp = false;

    override query(config: unknown, values?: unknown, callback?: unknown): never {
      const promiseForm = typeof config === 'string' && typeof callback !== 'function' && typeof values !== 'function';
      if (!promiseForm) return (super.query as (...args: unknown[]) => never)(config, values, callback);
      const pending = this.send(config, values);
      if (behaviour.answerTimeoutMs === undefined && !this.gaveUp) return pending as never;
      return new Promise((resolve, reject) => {
        if (this.gaveUp) {
          pending.catch(() => undefined);
          return reject(notAnswering('its connection was closed after an earlier statement got no answer', undefined));
        }
        const limit = behaviour.answerTimeoutMs!;
        const timer = setTimeout(() => {
          this.gaveUp = true;
          reject(notAnswering(`no answer within ${limit} ms`, undefined));
          this.end().catch(() => undefined);
        }, limit);
        pending.then(
          (result) => {
            clearTimeout(timer);
            resolve(result);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      }) as never;
    }

    private send(text: string, values: unknown): Promise<unknown> {
      if (behaviour.prepare && Array.isArray(values) && values.length > 0 && !text.startsWith(UNPREPARED)) {
        let name = this.names.get(text);
        if (name === undefined && this.names.size < PREPARED_PER_CONNECTION) {
          name = `tocsin_${++this.counter}`;
          this.names.set(text, name);
        }
        if (name !== undefined) {
          return (super.query({ name, text, values } as never) as unknown as Promise<unknown>).catch(
            (error: unknown) => {
              // A table changed shape under a prepared `SELECT *` (another node migrated):
              // prepare it afresh next time. This statement fails; its caller retries.
              if ((error as { code?: string }).code === '0A000') this.names.set(text, `tocsin_${++this.counter}`);
              throw error;
            },
          );
        }
      }
      return (super.query as (...args: unknown[]) => Promise<unknown>)(text, values);
    }
  };
}

/**
 * The pool, with waits for a connection that ran out of time turned into
 * `unavailable` (pg-pool's own errors carry no code the edge could map).
 */
class TocsinPool extends pg.Pool {
  override connect(callback?: unknown): never {
    if (typeof callback === 'function') return (super.connect as unknown as (cb: unknown) => never)(callback);
    return (super.connect() as Promise<pg.PoolClient>).catch((error: unknown) => {
      const code = (error as { code?: unknown }).code;
      if (code === undefined && /timeout/i.test((error as Error).message))
        throw notAnswering('no connection within the connect timeout', error);
      throw error;
    }) as never;
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
    /** How long to wait for a connection, from the pool or a new one (default 10 s). */
    connectTimeoutMs?: number;
    /**
     * PostgreSQL cancels a statement running longer than this; a server that
     * does not answer at all is given up on a second later. Unset: no limit.
     */
    statementTimeoutMs?: number;
  } = {},
): DbHandle {
  const settings = Object.entries(options.sessionSettings ?? {})
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const { statementTimeoutMs } = options;
  const max = options.maxConnections ?? 10;
  const pool = new TocsinPool({
    connectionString: url,
    max,
    application_name: options.applicationName ?? 'tocsin',
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    ...(statementTimeoutMs !== undefined && { statement_timeout: statementTimeoutMs }),
    Client: clientClass({
      prepare: options.prepareStatements !== false,
      answerTimeoutMs: statementTimeoutMs === undefined ? undefined : statementTimeoutMs + ANSWER_GRACE_MS,
    }),
    ...(settings && { options: settings }),
  });
  // A client that errors (server restart, network cut), idle or in use, must
  // not crash the process: the query in flight fails and the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const handleContext = new HandleContext(() =>
    Math.max(0, pool.idleCount + (max - pool.totalCount) - pool.waitingCount),
  );
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [handleContext] });
  return {
    db,
    pool,
    close: async () => {
      await handleContext.dispose();
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
