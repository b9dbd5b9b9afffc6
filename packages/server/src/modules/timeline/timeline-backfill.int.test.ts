/**
 * Migration 0008 (timeline_source) gives the entries written before it a
 * source: an integration's are ingest, other system actors' the engine's,
 * people's the API's; after it, a row without a source is refused.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { createEmptyDatabase } from '../../test-support/db.js';

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

it('backfills the source of existing entries from their actor, then requires one', async () => {
  const db = await createEmptyDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  cleanup = async () => {
    await pool.end();
    await db.drop();
  };
  const migrations = await loadMigrations();
  const before = migrations.slice(
    0,
    migrations.findIndex((m) => m.name === 'timeline_source'),
  );
  await pool.query(
    'CREATE TABLE schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const m of before) {
    await pool.query(m.sql);
    await pool.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
  }
  const client = await pool.connect();
  try {
    // Entries only: no incident needs to exist for the backfill, so foreign keys are off for this session.
    await client.query('SET session_replication_role = replica');
    await client.query(
      `INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_id, actor_label, message)
       VALUES (gen_random_uuid(), now(), 'triggered', 'system', NULL, 'Integration Prometheus', 'from an alert'),
              (gen_random_uuid(), now(), 'escalated', 'system', NULL, 'Escalation', 'paged'),
              (gen_random_uuid(), now(), 'notified', 'system', NULL, 'Tocsin', 'sent'),
              (gen_random_uuid(), now(), 'acknowledged', 'user', 'u1', 'Alice <alice@example.com>', 'by a person')`,
    );
  } finally {
    await client.query('RESET session_replication_role');
    client.release();
  }

  await migrate(pool);

  const rows = (
    await pool.query<{ message: string; source: string }>('SELECT message, source FROM incident_timeline ORDER BY id')
  ).rows;
  expect(rows.map((r) => [r.message, r.source])).toEqual([
    ['from an alert', 'ingest'],
    ['paged', 'engine'],
    ['sent', 'engine'],
    ['by a person', 'api'],
  ]);
  await expect(
    pool.query(
      `INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_label, message) SELECT incident_id, now(), 'note', 'system', 'x', 'y' FROM incident_timeline LIMIT 1`,
    ),
  ).rejects.toThrow(/source/);
  await expect(
    pool.query(
      `INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_label, source, message) SELECT incident_id, now(), 'note', 'system', 'x', 'fax', 'y' FROM incident_timeline LIMIT 1`,
    ),
  ).rejects.toThrow(/incident_timeline_source_check/);
});
