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

export async function openBenchDatabase(): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-bench-pg-'));
    chmodSync(tmp, 0o755); // reachable by the postgres OS user when run as root
    embedded = await startEmbeddedPostgres({ dataDir: tmp, logger: silentLogger });
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
