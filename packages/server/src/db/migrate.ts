/**
 * The migration runner. Migrations are plain SQL files, numbered, forward-only.
 * A session-level advisory lock makes two nodes starting at once take turns:
 * the second waits, then finds nothing left to do.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type pg from 'pg';

const MIGRATION_LOCK_ID = 7_243_901; // arbitrary, fixed: "tocsin migrations"
const FILE_RE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export interface MigrationStatus {
  applied: number[];
  pending: Migration[];
  /** Applied ids this code does not know: the database is newer than the code. */
  unknown: number[];
}

export function migrationsDir(): string {
  // src/db/ and dist/db/ sit at the same depth, so this finds the checked-in
  // SQL files from the compiled code and from the sources alike.
  return fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => FILE_RE.test(f)).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_RE.exec(file)!;
    migrations.push({ id: Number(match[1]), name: match[2]!, sql: await readFile(path.join(dir, file), 'utf8') });
  }
  migrations.forEach((m, i) => {
    if (m.id !== i + 1)
      throw new Error(`Migration numbering has a gap or duplicate at ${m.id}_${m.name} (expected ${i + 1})`);
  });
  return migrations;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

/** Which migrations are applied and pending, read through a pool or one connection. */
export async function migrationStatus(
  pool: pg.Pool | pg.PoolClient,
  migrations?: Migration[],
): Promise<MigrationStatus> {
  const all = migrations ?? (await loadMigrations());
  const exists = await pool.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  const applied = exists.rows[0]?.present
    ? (await pool.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id)
    : [];
  const known = new Set(all.map((m) => m.id));
  return {
    applied,
    pending: all.filter((m) => !applied.includes(m.id)),
    unknown: applied.filter((id) => !known.has(id)),
  };
}

/** Applies every pending migration; returns the ids it applied. */
export async function migrate(pool: pg.Pool, options: { log?: (line: string) => void } = {}): Promise<number[]> {
  const migrations = await loadMigrations();
  const client = await pool.connect();
  const done: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(CREATE_TABLE);
    const applied = new Set(
      (await client.query<{ id: number }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id),
    );
    const newest = Math.max(0, ...applied);
    if (newest > migrations.length) {
      throw new Error(
        `The database is at migration ${newest} but this Tocsin only knows ${migrations.length}: run a newer Tocsin, never an older one, against this database.`,
      );
    }
    for (const migration of migrations) {
      if (applied.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.id}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      done.push(migration.id);
      options.log?.(`applied migration ${migration.id}_${migration.name}`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    client.release();
  }
  return done;
}
