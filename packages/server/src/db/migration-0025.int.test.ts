/**
 * Migration 0025 adds each clock's histogram to the analytics rollup (ADR 30):
 * the cells already there are rebuilt from the snapshots, folded, with the
 * same sums as before and every counted clock in its octave (a value on a
 * bound in the bucket above it); writes after it append histograms too.
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createEmptyDatabase } from '../test-support/db.js';
import { loadMigrations } from './migrate.js';

let cleanup: (() => Promise<void>) | undefined;
afterAll(async () => cleanup?.());

const SERVICE = '00000000-0000-7000-8000-0000000000a1';
const SUMS = 'incidents, counted, tta_n, tta_sum, ttm_n, ttr_n, ttr_sum, acked, settled_within, settled_breached';

it('rebuilds the rollup with histograms from the snapshots, and keeps them as snapshots change', async () => {
  const empty = await createEmptyDatabase();
  const client = new pg.Client({ connectionString: empty.url });
  await client.connect();
  cleanup = async () => {
    await client.end();
    await empty.drop();
  };
  const migrations = await loadMigrations();
  for (const m of migrations.filter((m) => m.id < 25)) await client.query(m.sql);
  await client.query(
    `INSERT INTO escalation_policies (id, name, levels, created_at, updated_at) VALUES ('00000000-0000-7000-8000-0000000000e1', 'P', '[]', now(), now())`,
  );
  await client.query(`INSERT INTO services (id, slug, name, escalation_policy_id, urgency_rules, sla_targets, created_at, updated_at)
    VALUES ('${SERVICE}', 's', 'S', '00000000-0000-7000-8000-0000000000e1', '[]', '{}', now(), now())`);
  // Acknowledged after 0.5 s, 1 s (a bound), 3 s, 4 s (a bound), never; one near miss (not counted).
  const snapshots: Array<[string, number | null, boolean]> = [
    ['101', 0.5, false],
    ['102', 1, false],
    ['103', 3, false],
    ['104', 4, false],
    ['105', null, false],
    ['106', 2, true],
  ];
  for (const [n, ackSeconds, nearMiss] of snapshots) {
    const id = `00000000-0000-7000-8000-000000000${n}`;
    await client.query(
      `INSERT INTO incidents (id, service_id, title, status, urgency, triggered_at, created_by, created_at, updated_at)
       VALUES ($1, $2, 'T', 'resolved', 'high', '2026-11-02T00:00:00Z', 'test', now(), now())`,
      [id, SERVICE],
    );
    await client.query(
      `INSERT INTO incident_sla (incident_id, opened_at, service_id, escalation_policy_id, urgency, near_miss, time_zone,
         first_ack_at, resolved_at, updated_at)
       VALUES ($1, '2026-11-02T00:00:00Z', $2, '00000000-0000-7000-8000-0000000000e1', 'high', $3, 'UTC',
         timestamptz '2026-11-02T00:00:00Z' + make_interval(secs => $4), '2026-11-02T01:00:00Z', now())`,
      [id, SERVICE, nearMiss, ackSeconds],
    );
  }
  const sumsBefore = (await client.query(`SELECT ${SUMS} FROM incident_sla_rollup`)).rows;
  expect(sumsBefore.length).toBeGreaterThan(1); // delta rows, one per insert, never folded

  await client.query(migrations.find((m) => m.id === 25)!.sql);

  const folded = await client.query(`SELECT * FROM incident_sla_rollup`);
  expect(folded.rows).toHaveLength(1);
  const cell = folded.rows[0];
  expect(cell.delta).toBe(false);
  const total = (name: string) => sumsBefore.reduce((sum, row) => sum + Number(row[name]), 0);
  for (const name of SUMS.split(', ')) expect(Number(cell[name])).toBe(total(name));
  const histogram = (clock: string) =>
    Array.from({ length: 25 }, (_, b) => cell[`${clock}_h${String(b).padStart(2, '0')}`] as number);
  // Buckets: 0 below 1 s, 1 = [1, 2), 2 = [2, 4), 3 = [4, 8).
  expect(histogram('tta').slice(0, 5)).toEqual([1, 1, 1, 1, 0]);
  expect(histogram('tta').reduce((a, b) => a + b)).toBe(4);
  expect(histogram('ttr')[12]).toBe(5); // 3600 s is in [2048, 4096)
  expect(histogram('ttm').every((n) => n === 0)).toBe(true);

  // After it: an update moves a clock to another bucket, appended as a delta of the histograms too.
  await client.query(
    `UPDATE incident_sla SET first_ack_at = opened_at + interval '8 seconds' WHERE incident_id = '00000000-0000-7000-8000-000000000101'`,
  );
  const { rows } = await client.query(`SELECT tta_h00, tta_h04, tta_n FROM incident_sla_rollup WHERE delta`);
  expect(rows).toEqual([{ tta_h00: -1, tta_h04: 1, tta_n: '0' }]);
});
