/**
 * Migration 0007 moves each incident's escalation state from incidents into
 * incident_escalations (paging's table): every incident keeps its state, and
 * due times stay only where the reconciler acted on them.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createEmptyDatabase } from '../test-support/db.js';
import { loadMigrations } from './migrate.js';

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

it('copies the escalation columns of every incident into incident_escalations and drops them from incidents', async () => {
  const empty = await createEmptyDatabase();
  const client = new pg.Client({ connectionString: empty.url });
  await client.connect();
  cleanup = async () => {
    await client.end();
    await empty.drop();
  };
  const migrations = await loadMigrations();
  for (const m of migrations.filter((m) => m.id < 7)) await client.query(m.sql);
  const policy = { id: 'p', name: 'Policy', repeatCount: 0, levels: [] };
  await client.query(
    `INSERT INTO escalation_policies (id, name, levels, created_at, updated_at) VALUES ('00000000-0000-7000-8000-0000000000e1', 'P', '[]', now(), now())`,
  );
  await client.query(`INSERT INTO services (id, slug, name, escalation_policy_id, urgency_rules, sla_targets, created_at, updated_at)
    VALUES ('00000000-0000-7000-8000-0000000000a1', 's', 'S', '00000000-0000-7000-8000-0000000000e1', '[]', '{}', now(), now())`);
  const insert = (id: string, status: string, next: string | null, snoozed: string | null) =>
    client.query(
      `INSERT INTO incidents (id, service_id, title, status, urgency, triggered_at, escalation_policy, escalation_level, escalation_loop,
         next_escalation_at, assignee_ids, snoozed_until, created_by, created_at, updated_at)
       VALUES ($1, '00000000-0000-7000-8000-0000000000a1', 'T', $2, 'high', now(), $3, 2, 1, $4, ARRAY['00000000-0000-7000-8000-000000000009']::uuid[], $5, 'test', now(),
         '2026-01-01T00:00:00Z')`,
      [id, status, JSON.stringify(policy), next, snoozed],
    );
  await insert('00000000-0000-7000-8000-000000000101', 'triggered', '2026-01-02T00:00:00Z', null);
  await insert('00000000-0000-7000-8000-000000000102', 'acknowledged', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z');
  await insert('00000000-0000-7000-8000-000000000103', 'resolved', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z');

  await client.query(migrations.find((m) => m.id === 7)!.sql);

  const { rows } = await client.query(`SELECT * FROM incident_escalations ORDER BY incident_id`);
  expect(
    rows.map((r) => [
      r.incident_id.slice(-3),
      r.escalation_level,
      r.escalation_loop,
      r.next_escalation_at?.toISOString() ?? null,
      r.snoozed_until?.toISOString() ?? null,
    ]),
  ).toEqual([
    ['101', 2, 1, '2026-01-02T00:00:00.000Z', null],
    ['102', 2, 1, null, '2026-01-03T00:00:00.000Z'],
    ['103', 2, 1, null, null],
  ]);
  expect(rows[0].escalation_policy).toEqual(policy);
  expect(rows[0].assignee_ids).toEqual(['00000000-0000-7000-8000-000000000009']);
  expect(rows[0].updated_at.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  const columns = await client.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'incidents'`,
  );
  for (const gone of [
    'escalation_policy',
    'escalation_level',
    'escalation_loop',
    'next_escalation_at',
    'assignee_ids',
    'snoozed_until',
  ]) {
    expect(columns.rows.map((r) => r.column_name)).not.toContain(gone);
  }
});
