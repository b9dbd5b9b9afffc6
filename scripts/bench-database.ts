/**
 * A fresh database for a benchmark: on DATABASE_URL's server when it is set,
 * else on an embedded PostgreSQL started for the run. Dropped (and the
 * embedded server stopped) by `drop()`.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../packages/server/src/app/embedded-postgres.js';
import { silentLogger } from '../packages/server/src/lib/logger.js';

export interface BenchDatabase {
  /** The fresh database. */
  url: string;
  /** How it is hosted, for the printed header. */
  kind: 'embedded' | 'DATABASE_URL';
  /** The embedded cluster's folder (its processes can be measured), when embedded. */
  pgDir: string | undefined;
  drop(): Promise<void>;
  /** Lets the process end with the database kept (DATABASE_URL's server; an embedded one stops with the process). */
  release(): Promise<void>;
}

/**
 * BENCH_PG_STATEMENTS=1 (embedded PostgreSQL only): the server loads
 * pg_stat_statements, counting nested statements (triggers) and planning,
 * for benchStatements below.
 */
export const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';

export async function openBenchDatabase(): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-pg-'));
    chmodSync(tmp, 0o755); // reachable by the postgres OS user when run as root
    embedded = await startEmbeddedPostgres({
      dataDir: tmp,
      logger: silentLogger,
      settings: PG_STATEMENTS
        ? {
            shared_preload_libraries: 'pg_stat_statements',
            'pg_stat_statements.track': 'all',
            'pg_stat_statements.track_planning': 'on',
          }
        : {},
    });
    adminUrl = embedded.url;
  }
  const name = `tocsin_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: embedded ? 'embedded' : 'DATABASE_URL',
    pgDir: embedded?.pgDir,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
      await embedded?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
    async release() {
      await admin.end();
      await embedded?.stop();
    },
  };
}

/** Empties pg_stat_statements (created in `url`'s database when missing) before the measured part. */
export async function resetStatements(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } finally {
    await client.end();
  }
}

/**
 * The statements that took PostgreSQL's time since resetStatements, most
 * first: execution plus planning, per event, with calls and rows per event.
 */
export async function printStatements(
  url: string,
  events: number,
  top = Number(process.env.BENCH_PG_STATEMENTS_TOP ?? 25),
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      ms: number;
      plan_ms: number;
      calls: string;
      rows: string;
      query: string;
    }>(
      `SELECT total_exec_time + total_plan_time AS ms, total_plan_time AS plan_ms, calls, rows, query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() ORDER BY ${process.env.BENCH_PG_STATEMENTS_BY === 'calls' ? 'calls' : 1} DESC`,
    );
    const all = rows.reduce((sum, r) => sum + r.ms, 0);
    // Every statement a client sent is a round trip: the count that batching and fewer statements cut.
    const { rows: trips } = await client.query<{ calls: string; transactions: string }>(
      `SELECT sum(calls) AS calls,
              sum(calls) FILTER (WHERE query ~* '^\\s*(begin|commit|rollback|start transaction)') AS transactions
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.toplevel`,
    );
    console.log(
      `statements sent per event: ${(Number(trips[0]!.calls) / events).toFixed(2)} (of which BEGIN, COMMIT, ROLLBACK ${(Number(trips[0]!.transactions ?? 0) / events).toFixed(2)})`,
    );
    console.log(
      `pg_stat_statements: ${(all / events).toFixed(3)} ms of statement time per event (execution and planning; nested statements counted again inside their caller)`,
    );
    console.log('   ms/event  plan  calls/event  rows/call  statement');
    for (const r of rows.slice(0, top)) {
      const calls = Number(r.calls);
      console.log(
        `   ${(r.ms / events).toFixed(3).padStart(8)}  ${(r.plan_ms / events).toFixed(3)}  ${(calls / events).toFixed(2).padStart(11)}  ${(Number(r.rows) / Math.max(1, calls)).toFixed(1).padStart(9)}  ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`,
      );
    }
  } finally {
    await client.end();
  }
}
