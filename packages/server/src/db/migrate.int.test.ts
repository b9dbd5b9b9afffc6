/**
 * Migrations: forward-only, each applied once, safe when several nodes
 * migrate the same empty database at the same moment.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../test-support/db.js';
import { loadMigrations, migrate, migrationStatus } from './migrate.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function emptyDb() {
  const db = await createEmptyDatabase();
  const pools = Array.from({ length: 4 }, () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // Dropping the database ends any connection still closing: not a test failure.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
  });
  cleanups.push(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });
  return pools;
}

describe('migrations', () => {
  it('four nodes migrating one empty database at once apply each migration exactly once', async () => {
    const pools = await emptyDb();
    const results = await Promise.all(pools.map((pool) => migrate(pool)));
    const all = await loadMigrations();
    expect(results.flat().sort((a, b) => a - b)).toEqual(all.map((m) => m.id)); // each id applied by exactly one node
    const applied = await pools[0]!.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(applied.rows.map((r) => r.id)).toEqual(all.map((m) => m.id));
    const status = await migrationStatus(pools[0]!);
    expect(status.pending).toEqual([]);
  });

  it('is a no-op the second time', async () => {
    const [pool] = await emptyDb();
    expect((await migrate(pool!)).length).toBeGreaterThan(0);
    expect(await migrate(pool!)).toEqual([]);
  });

  it('refuses to run an older Tocsin against a newer database', async () => {
    const [pool] = await emptyDb();
    await migrate(pool!);
    await pool!.query("INSERT INTO schema_migrations (id, name) VALUES (9999, 'from_the_future')");
    await expect(migrate(pool!)).rejects.toThrow(/newer Tocsin, never an older one/);
    expect((await migrationStatus(pool!)).unknown).toEqual([9999]);
  });

  it('keeps the numbering gap-free', async () => {
    const all = await loadMigrations();
    expect(all.map((m) => m.id)).toEqual(all.map((_, i) => i + 1));
  });
});
