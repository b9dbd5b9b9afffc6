/**
 * Vitest global setup: find a PostgreSQL (DATABASE_URL, else an embedded one
 * started for this run), build a template database with every migration, and
 * hand both to the test files. Each file then copies the template into a
 * fresh database of its own (see db.ts), which takes milliseconds.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../app/embedded-postgres.js';
import { migrate, migrationsDir } from '../db/migrate.js';
import { silentLogger } from '../lib/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let embedded: EmbeddedPostgres | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'tocsin-test-pg-'));
    chmodSync(tmp, 0o755); // reachable by the postgres OS user when tests run as root
    embedded = await startEmbeddedPostgres({ dataDir: tmp, logger: silentLogger });
    adminUrl = embedded.url;
  }
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir()).sort()) hash.update(file).update(readFileSync(path.join(migrationsDir(), file)));
  const template = `tocsin_template_${hash.digest('hex').slice(0, 12)}`;

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One run at a time builds the template; others wait and reuse it.
    await admin.query('SELECT pg_advisory_lock(7243902)');
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tocsin_t_%' OR (datname LIKE 'tocsin_template_%' AND datname <> $1)`,
      [template],
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}"`);
      const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 });
      try {
        await migrate(pool);
      } finally {
        await pool.end();
      }
    }
    await admin.query('SELECT pg_advisory_unlock(7243902)');
  } finally {
    await admin.end();
  }
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
