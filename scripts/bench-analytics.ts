/**
 * bench:analytics: one million incidents over two years, with their
 * timelines (triggered, acknowledged, resolved: three million entries), their
 * responses (a fifth declared, one in a thousand of those private) and
 * analytics' snapshots, generated in PostgreSQL with generate_series into a
 * fresh database (DATABASE_URL's server, or an embedded PostgreSQL), then
 * times, cold and warm, the two reads that matter: a team's monthly report
 * (GET /api/v1/analytics/report: overall, by severity, by service, every
 * breach) and a two-year per-service MTTA/MTTR breakdown by severity
 * (GET /api/v1/analytics/summary?groupBy=service&thenBy=severity), both as a
 * responder (the private-incident rule applies) through the module's own
 * use cases. "Cold" is the first run on a new connection pool with the
 * database's pages in neither PostgreSQL's shared buffers nor the OS page
 * cache (bench-cold-cache.ts; the line before it says what was emptied), as
 * on a machine just started; "cold, OS cache warm" the same with only
 * PostgreSQL's buffers emptied, as after a restart of PostgreSQL; "warm" is
 * the median of five runs after those. Prints the figures and the row
 * counts; the last line is the slowest figure. Asserts nothing. The load ends as a live system
 * would be: vacuumed (autovacuum) and the rollup's delta rows folded (its compaction reconciler).
 *
 *   npm run bench:analytics      BENCH_INCIDENTS=1000000 (default)
 *   BENCH_KEEP_DATABASE=1 keeps the database (its URL is printed) to EXPLAIN the queries by hand;
 *   BENCH_REUSE_DATABASE=<that URL> times the reads again on it without loading.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connectDatabase } from '../packages/server/src/db/client.js';
import { migrate } from '../packages/server/src/db/migrate.js';
import type { Actor } from '../packages/server/src/lib/actor.js';
import { FakeClock } from '../packages/server/src/lib/clock.js';
import { aggregateFigures } from '../packages/server/src/modules/analytics/analytics.figures.js';
import { compactRollup, monthlyReport, summarizeIncidents } from '../packages/server/src/modules/analytics/index.js';
import type { Ctx } from '../packages/server/src/modules/context.js';
import { coldCaches } from './bench-cold-cache.js';
import { openBenchDatabase, type BenchDatabase } from './bench-database.js';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const TEAMS = 20;
const SERVICES = 200;
const START = '2024-12-01T00:00:00Z';
const END = '2026-12-01T00:00:00Z';
const SPACING_S = (Date.parse(END) - Date.parse(START)) / 1000 / INCIDENTS;

/** The API's pool (createTocsin's default size): the breakdown's rank reads take helpers from it (ADR 32). */
const API_POOL = 20;

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function timed(label: string, step: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await step();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(52)} ${seconds(ms)}`);
  return ms;
}

async function seed(pool: pg.Pool): Promise<void> {
  const q = (text: string) => pool.query(text);
  await q(`INSERT INTO users (id, email, name, role, created_at, updated_at)
           VALUES ('00000000-0000-7000-8000-00000000be01', 'bench@example.com', 'Bench Responder', 'responder', now(), now())`);
  await q(`INSERT INTO teams (id, slug, name, created_at, updated_at)
           SELECT gen_random_uuid(), 'team-' || t, 'Team ' || t, now(), now() FROM generate_series(1, ${TEAMS}) t`);
  await q(`INSERT INTO escalation_policies (id, name, levels, created_at, updated_at)
           SELECT gen_random_uuid(), 'Policy ' || p, '[]', now(), now() FROM generate_series(1, ${TEAMS}) p`);
  await q(`INSERT INTO services (id, slug, name, team_id, escalation_policy_id, urgency_rules, sla_targets, created_at, updated_at)
           SELECT gen_random_uuid(), 'service-' || s, 'Service ' || s,
                  (SELECT id FROM teams WHERE slug = 'team-' || (1 + s % ${TEAMS})),
                  (SELECT id FROM escalation_policies WHERE name = 'Policy ' || (1 + s % ${TEAMS})),
                  '[]', '{}', now(), now()
           FROM generate_series(1, ${SERVICES}) s`);
  // The incidents: spread evenly over two years; 97% acknowledged, 99% resolved.
  await q(`CREATE TEMP TABLE bench_services AS
           SELECT row_number() OVER (ORDER BY slug) - 1 AS n, id, team_id, escalation_policy_id FROM services`);
  await q(`CREATE TEMP TABLE bench_incidents AS
           SELECT g, gen_random_uuid() AS id, s.id AS service_id, s.team_id, s.escalation_policy_id,
                  timestamptz '${START}' + make_interval(secs => g * ${SPACING_S}) AS opened_at,
                  CASE WHEN g % 3 = 0 THEN 'low' ELSE 'high' END AS urgency,
                  (ARRAY['P1','P2','P3','P4','P5'])[1 + g % 5] AS priority,
                  CASE WHEN g % 5 = 0 THEN (ARRAY['S1','S2','S3','S4'])[1 + (g / 5) % 4] END AS severity,
                  (g % 5 = 0 AND g % 4999 = 0) AS private,
                  CASE WHEN g % 33 <> 0 THEN (g * 37) % 1800 END AS ack_s,
                  CASE WHEN g % 100 <> 0 THEN 600 + (g * 101) % 30000 END AS resolve_s
           FROM generate_series(1, ${INCIDENTS}) g
           JOIN bench_services s ON s.n = (hashint4(g) & 2147483647) % ${SERVICES}`);
  await q(`INSERT INTO incidents (id, service_id, title, status, urgency, priority, triggered_at, acknowledged_at,
                                  acknowledged_by, resolved_at, alert_count, created_by, created_at, updated_at, declared_at)
           SELECT id, service_id, 'Incident ' || g, CASE WHEN resolve_s IS NULL THEN 'acknowledged' ELSE 'resolved' END,
                  urgency, priority, opened_at, opened_at + make_interval(secs => ack_s),
                  CASE WHEN ack_s IS NOT NULL AND g % 10 <> 0 THEN '00000000-0000-7000-8000-00000000be01'::uuid END,
                  opened_at + make_interval(secs => greatest(ack_s, 0) + resolve_s), 1, 'bench', opened_at, opened_at,
                  CASE WHEN severity IS NOT NULL THEN opened_at END
           FROM bench_incidents`);
  await q(`INSERT INTO incident_responses (incident_id, severity, stage, private, declared_by, declared_by_label, declared_at,
                                           origin, stage_changed_at, resolved_at, updated_at)
           SELECT id, severity, CASE WHEN resolve_s IS NULL THEN 'investigating' ELSE 'resolved' END, private,
                  '00000000-0000-7000-8000-00000000be01', 'Bench Responder', opened_at, 'declared', opened_at,
                  opened_at + make_interval(secs => coalesce(ack_s, 0) + resolve_s), opened_at
           FROM bench_incidents WHERE severity IS NOT NULL`);
  await q(`INSERT INTO incident_timeline (incident_id, at, kind, actor_type, actor_label, source, message)
           SELECT id, opened_at, 'triggered', 'system', 'Integration', 'ingest', 'Triggered' FROM bench_incidents
           UNION ALL
           SELECT id, opened_at + make_interval(secs => ack_s), 'acknowledged', 'user', 'Bench Responder', 'web', 'Acknowledged'
           FROM bench_incidents WHERE ack_s IS NOT NULL
           UNION ALL
           SELECT id, opened_at + make_interval(secs => coalesce(ack_s, 0) + resolve_s), 'resolved', 'user', 'Bench Responder',
                  'web', 'Resolved'
           FROM bench_incidents WHERE resolve_s IS NOT NULL`);
  // Analytics' snapshot, as its subscribers write it (targets in wall time: the due instants are stored either way).
  await q(`INSERT INTO incident_sla (incident_id, opened_at, service_id, team_id, escalation_policy_id, urgency, priority, severity,
                                     time_zone, ack_target_minutes, ack_due_at, resolve_target_minutes, resolve_due_at,
                                     first_ack_at, first_ack_kind, mitigated_at, resolved_at, escalation_count, updated_at)
           SELECT b.id, b.opened_at, b.service_id, b.team_id, b.escalation_policy_id, b.urgency, b.priority, b.severity, 'UTC',
                  t.ack_minutes, b.opened_at + make_interval(mins => t.ack_minutes),
                  t.resolve_minutes, b.opened_at + make_interval(mins => t.resolve_minutes),
                  b.opened_at + make_interval(secs => b.ack_s),
                  CASE WHEN b.ack_s IS NULL THEN NULL WHEN b.g % 10 = 0 THEN 'integration' ELSE 'person' END,
                  CASE WHEN b.severity IS NOT NULL THEN b.opened_at + make_interval(secs => coalesce(b.ack_s, 0) + 300) END,
                  b.opened_at + make_interval(secs => coalesce(b.ack_s, 0) + b.resolve_s),
                  CASE WHEN b.g % 9 = 0 THEN 1 ELSE 0 END, b.opened_at
           FROM bench_incidents b
           JOIN sla_targets t ON t.scope = CASE WHEN b.severity IS NULL THEN 'urgency' ELSE 'severity' END
                              AND t.key = coalesce(b.severity, b.urgency)`);
  // What autovacuum does on a live system (the clocks' covering indexes are read index-only), and what the
  // rollup's compaction reconciler does (the triggers appended one delta row per cell for the bulk insert).
  await q('VACUUM ANALYZE');
  const handle = connectDatabase(pool.options.connectionString!, { maxConnections: 1 });
  await compactRollup(handle.db);
  await handle.close();
  await q('VACUUM ANALYZE incident_sla_rollup');
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_REUSE_DATABASE;
  const database: Pick<BenchDatabase, 'url' | 'kind' | 'drop' | 'release'> = reuse
    ? { url: reuse, kind: 'DATABASE_URL', drop: async () => undefined, release: async () => undefined }
    : await openBenchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => undefined); // an idle connection ended by the final DROP DATABASE
  try {
    let loadMs = 0;
    if (reuse) console.log(`bench:analytics on a kept database (${reuse}): no load`);
    else {
      await migrate(pool);
      console.log(
        `bench:analytics on ${database.kind}: generating ${INCIDENTS.toLocaleString('en')} incidents over two years`,
      );
      loadMs = await timed('load (generate_series, indexes, VACUUM ANALYZE)', () => seed(pool));
    }
    const { rows } = await pool.query<{
      incidents: string;
      timeline: string;
      snapshots: string;
      responses: string;
      rollup: string;
    }>(
      `SELECT (SELECT count(*) FROM incidents) AS incidents, (SELECT count(*) FROM incident_timeline) AS timeline,
              (SELECT count(*) FROM incident_sla) AS snapshots, (SELECT count(*) FROM incident_responses) AS responses,
              (SELECT count(*) FROM incident_sla_rollup) AS rollup`,
    );
    const counts = rows[0]!;
    console.log(
      `  rows: ${counts.incidents} incidents, ${counts.timeline} timeline entries, ${counts.responses} responses, ${counts.snapshots} snapshots, ${counts.rollup} rollup cells (load ${seconds(loadMs)})`,
    );
    await pool.end();

    const handle = connectDatabase(database.url, { maxConnections: API_POOL });
    const actor: Actor = {
      type: 'user',
      userId: '00000000-0000-7000-8000-00000000be01',
      label: 'Bench Responder',
      role: 'responder',
      scopes: ['read'],
      via: 'token',
    };
    const ctx: Ctx = { db: handle.db, clock: new FakeClock('2026-12-06T12:00:00Z'), actor, source: 'api' };
    const report = () => monthlyReport(ctx, { team: 'team-7', month: '2026-11' });
    const breakdown = () =>
      summarizeIncidents(ctx, { from: START, to: END, groupBy: 'service', thenBy: 'severity', period: 'month' });
    const figures: Array<[string, number]> = [];
    const caches = new pg.Pool({ connectionString: database.url, max: 1 });
    let current = handle;
    // Each figure's cold runs, on a new connection pool (no plan or catalog cache either): with nothing of the
    // database in memory (a machine just started), then with the OS page cache warm (PostgreSQL just restarted).
    const measure = async (label: string, run: () => Promise<unknown>) => {
      for (const [kind, pageCache] of [
        ['cold', true],
        ['cold, OS cache warm', false],
      ] as const) {
        await current.close();
        console.log(`  (${await coldCaches(caches, 'incident_timeline', { pageCache })})`);
        current = connectDatabase(database.url, { maxConnections: API_POOL });
        ctx.db = current.db;
        figures.push([`${label}, ${kind}`, await timed(`${label}, ${kind}`, run)]);
      }
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) warm.push(await timed(`${label}, warm run ${i + 1}`, run));
      figures.push([`${label}, warm (median of 5)`, warm.sort((a, b) => a - b)[2]!]);
    };
    const sample = await report();
    console.log(
      `  (the team's month: ${sample.overall.count} incidents, ${sample.breaches.length} breaches listed, compliance ${(sample.overall.compliance! * 100).toFixed(1)}%)`,
    );
    await measure('monthly team report (team-7, 2026-11)', report);
    await measure('two-year per-service MTTA/MTTR by severity', breakdown);
    console.log(`  (the breakdown: ${(await breakdown()).groups.length} service × severity groups)`);
    // The same breakdown on the row path (what it cost before the rollup), alternated with the rollup path so
    // that both meet the same load on a shared machine: the median of five pairs each.
    const rowPath = () =>
      aggregateFigures(
        ctx.db,
        actor,
        ctx.clock.now(),
        { from: new Date(START), to: new Date(END), tz: 'UTC' },
        'service',
        'month',
        'severity',
        { rowsOnly: true },
      );
    const paired: Record<'rows' | 'rollup', number[]> = { rows: [], rollup: [] };
    for (let i = 0; i < 5; i++) {
      paired.rows.push(await timed(`  row path, pair ${i + 1}`, rowPath));
      paired.rollup.push(await timed(`  rollup path, pair ${i + 1}`, breakdown));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    console.log(
      `  (paired, median of 5: row path ${seconds(median(paired.rows))}, rollup path ${seconds(median(paired.rollup))})`,
    );
    await current.close();
    await caches.end();

    console.log('\nfigures:');
    for (const [label, ms] of figures) console.log(`  ${label.padEnd(60)} ${seconds(ms)}`);
    const [slowestLabel, slowestMs] = figures.reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log(`slowest: ${slowestLabel} ${seconds(slowestMs)} (${counts.incidents} incidents)`);
  } catch (error) {
    console.error('bench:analytics failed:', error);
    process.exitCode = 1;
  } finally {
    await pool.end().catch(() => undefined);
    if (process.env.BENCH_KEEP_DATABASE === '1') {
      console.log(`kept: ${database.url}`);
      await database.release(); // or the open admin connection keeps the process running
    } else await database.drop();
  }
}

await main();
