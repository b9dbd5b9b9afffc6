/**
 * Vitest global setup: find a PostgreSQL (DATABASE_URL, else an embedded one
 * started for this run), build a template database with every migration, and
 * hand both to the test files. Each file then copies the template into a
 * fresh database of its own (see db.ts), which takes milliseconds.
 *
 * Several runs may share one PostgreSQL (two checkouts, or a file run alone
 * beside the whole suite). Each run holds an advisory lock named by its run
 * id for as long as it lives, and its databases carry that id, so cleaning up
 * what dead runs left behind never drops a database a live run is using; it
 * also holds its template's lock shared, so another checkout's run (with
 * other migrations) never drops a template a live run still copies from.
 */
import { createHash, randomBytes } from 'node:crypto';
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
    testRunId: string;
  }
}

/** The advisory lock a run holds while it lives (advisory locks are per database: always taken on the admin connection's). */
const runLockKey = (runId: string) => `tocsin-test-run:${runId}`;

/** Held shared by every live run that copies from this template: a template is dropped only when nobody holds it. */
const templateLockKey = (template: string) => `tocsin-test-template:${template}`;

/**
 * The test databases of runs that are gone: `tocsin_t_<run>_<n>` whose run
 * lock is free, and databases named the old way (`tocsin_t_<n>`) that nobody
 * is connected to.
 */
async function databasesOfDeadRuns(admin: pg.Client): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string; connected: number }>(
    `SELECT d.datname, (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datname = d.datname) AS connected
       FROM pg_database d WHERE d.datname LIKE 'tocsin\\_t\\_%'`,
  );
  const dead: string[] = [];
  for (const { datname, connected } of rows) {
    const runId = /^tocsin_t_([0-9a-f]{8})_[0-9a-f]+$/.exec(datname)?.[1];
    if (!runId) {
      if (connected === 0) dead.push(datname);
      continue;
    }
    const probe = await admin.query<{ free: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS free', [
      runLockKey(runId),
    ]);
    if (probe.rows[0]!.free) {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [runLockKey(runId)]);
      dead.push(datname);
    }
  }
  return dead;
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
  for (const file of readdirSync(migrationsDir()).sort())
    hash.update(file).update(readFileSync(path.join(migrationsDir(), file)));
  const template = `tocsin_template_${hash.digest('hex').slice(0, 12)}`;

  const runId = randomBytes(4).toString('hex');
  // Held until this run ends (or its process dies and the connection with it).
  const runLock = new pg.Client({ connectionString: adminUrl });
  await runLock.connect();
  await runLock.query('SELECT pg_advisory_lock(hashtext($1))', [runLockKey(runId)]);
  await runLock.query('SELECT pg_advisory_lock_shared(hashtext($1))', [templateLockKey(template)]);

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One run at a time builds the template; others wait and reuse it.
    await admin.query('SELECT pg_advisory_lock(7243902)');
    const dead = await databasesOfDeadRuns(admin);
    for (const datname of dead)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    // Templates of other migration sets, each only when no live run holds it (a run of another
    // checkout may be between two test files, with no test database of its own at that moment).
    const templates = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tocsin\\_template\\_%' AND datname <> $1`,
      [template],
    );
    for (const { datname } of templates.rows) {
      const probe = await admin.query<{ free: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS free', [
        templateLockKey(datname),
      ]);
      if (!probe.rows[0]!.free) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [templateLockKey(datname)]);
    }
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
  project.provide('testRunId', runId);

  return async () => {
    await runLock.end().catch(() => undefined);
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}
