/**
 * The fast path of the aggregates (docs/analytics.md "How the figures are
 * computed", ADR 25, ADR 30), for a long period broken down by service and
 * severity: counts, means, rates, compliance and each clock's histogram from
 * the monthly rollup (incident_sla_rollup, kept exact by triggers), the
 * median and p90 read from the one bucket of the clocks' covering indexes
 * that holds them (analytics.ranks.ts). Everything else (other groupings, a
 * priority or urgency filter, a period without a whole UTC month) takes the
 * row path in analytics.figures.ts. Both give the same figures: the property
 * test holds them to the same naive computation.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/client.js';
import { openSnapshotReaders } from '../../db/snapshot-readers.js';
import { judged, ms } from './analytics.judged.js';
import { filterCondition, hiddenFrom, visibleTo, type AnalyticsFilter, type Audience } from './analytics.filters.js';
import { CLOCKS, HISTOGRAM_COLUMNS, histogramColumns, percentilesByRank, type Clock } from './analytics.ranks.js';
import type { Distribution, GroupBy, GroupFigures } from './analytics.schema.js';

type GroupFiguresWithoutLabel = Omit<GroupFigures, 'label' | 'subLabel'>;

const MONTH_COLUMNS = ['service', 'severity'] as const;

/** The whole UTC months inside [from, to): [first, last) month starts, or null when there is none. */
export function wholeMonths(from: Date, to: Date): { first: Date; end: Date } | null {
  const startOf = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const fromMonth = startOf(from);
  const first = new Date(
    fromMonth === from.getTime() ? fromMonth : Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1),
  );
  const end = new Date(startOf(to));
  return first.getTime() < end.getTime() ? { first, end } : null;
}

/** True when the rollup can answer: service × severity, no filter it does not hold, a whole month at least. */
export function rollupAnswers(filter: AnalyticsFilter, groupBy: GroupBy, thenBy: GroupBy): boolean {
  const pair = [groupBy, thenBy].sort().join(',');
  return (
    pair === [...MONTH_COLUMNS].sort().join(',') &&
    !filter.priority &&
    !filter.urgency &&
    wholeMonths(filter.from, filter.to) !== null
  );
}

/** The filters the rollup holds, on a rollup row or a snapshot (same column names). */
function dimensions(filter: AnalyticsFilter, alias: 'r' | 's'): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  const parts: RawBuilder<unknown>[] = [sql`true`];
  if (filter.teamId) parts.push(sql`${col('team_id')} = ${filter.teamId}`);
  if (filter.serviceId) parts.push(sql`${col('service_id')} = ${filter.serviceId}`);
  if (filter.teamIds?.length) parts.push(sql`${col('team_id')} = ANY (${[...filter.teamIds]}::uuid[])`);
  if (filter.serviceIds?.length) parts.push(sql`${col('service_id')} = ANY (${[...filter.serviceIds]}::uuid[])`);
  if (filter.policyId) parts.push(sql`${col('escalation_policy_id')} = ${filter.policyId}`);
  if (filter.severity) parts.push(sql`${col('severity_key')} = ${filter.severity}`);
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

const column = (groupBy: GroupBy) => (groupBy === 'service' ? sql.ref('service_id') : sql.ref('severity_key'));

interface SumRow {
  service_id: string;
  severity_key: string;
  incidents: string;
  counted: string;
  near_misses: string;
  tta_n: string;
  tta_mean: number | null;
  ttm_n: string;
  ttm_mean: number | null;
  ttr_n: string;
  ttr_mean: number | null;
  escalated: string;
  acked: string;
  acked_by_integration: string;
  within: string;
  breached: string;
  pending: string;
  /** Each clock's histogram (counts per bucket) over the group's counted incidents with that clock. */
  tta_hist: string[];
  ttm_hist: string[];
  ttr_hist: string[];
}

/** An incident's contribution to its cell (incident_sla_contribution), column by column: sums, then histograms. */
const CONTRIBUTIONS = [
  'incidents',
  'counted',
  'near_misses',
  'tta_n',
  'tta_sum',
  'ttm_n',
  'ttm_sum',
  'ttr_n',
  'ttr_sum',
  'escalated',
  'acked',
  'acked_by_integration',
  'settled_within',
  'settled_breached',
  ...HISTOGRAM_COLUMNS,
];
const CONTRIBUTION_COLUMNS = sql.raw(CONTRIBUTIONS.join(', '));
const contributionsOf = (alias: string) => sql.raw(CONTRIBUTIONS.map((c) => `${alias}.${c}`).join(', '));
const histogramSums = sql.raw(
  CLOCKS.map((clock) => `ARRAY[${histogramColumns(clock).map((c) => `sum(${c})`)}]::int8[] AS ${clock}_hist`).join(
    ', ',
  ),
);

/**
 * Sums and histograms per service and severity: whole months from the
 * rollup, the rest from rows, private ones taken out. Each part reads only
 * what it adds: the hidden incidents are found from the private ones (a
 * few), the open ones from their covering partial index.
 */
async function sums(db: Db, audience: Audience, now: Date, filter: AnalyticsFilter): Promise<SumRow[]> {
  const months = wholeMonths(filter.from, filter.to)!;
  const { rows } = await sql<SumRow>`
    WITH parts AS (
      SELECT service_id, severity_key, ${CONTRIBUTION_COLUMNS}
      FROM incident_sla_rollup r
      WHERE r.month >= ${months.first}::date AND r.month < ${months.end}::date AND ${dimensions(filter, 'r')}
      UNION ALL
      -- private incidents of those months that this audience may not see: taken back out
      SELECT c.service_id, c.severity_key, ${contributionsOf('c')}
      FROM incident_sla s, incident_sla_contribution(s, -1) c
      WHERE s.incident_id IN (${hiddenFrom(audience)})
        AND s.opened_at >= ${months.first} AND s.opened_at < ${months.end} AND ${dimensions(filter, 's')}
      UNION ALL
      -- the period's edges outside whole months, from their rows
      SELECT c.service_id, c.severity_key, ${contributionsOf('c')}
      FROM incident_sla s, incident_sla_contribution(s, 1) c
      WHERE ${filterCondition(filter, audience)} AND (s.opened_at < ${months.first} OR s.opened_at >= ${months.end})
    ),
    summed AS (
      SELECT service_id, severity_key, sum(incidents) AS incidents, sum(counted) AS counted,
        sum(near_misses) AS near_misses,
        sum(tta_n) AS tta_n, (sum(tta_sum) / nullif(sum(tta_n), 0))::float8 AS tta_mean,
        sum(ttm_n) AS ttm_n, (sum(ttm_sum) / nullif(sum(ttm_n), 0))::float8 AS ttm_mean,
        sum(ttr_n) AS ttr_n, (sum(ttr_sum) / nullif(sum(ttr_n), 0))::float8 AS ttr_mean,
        sum(escalated) AS escalated, sum(acked) AS acked, sum(acked_by_integration) AS acked_by_integration,
        sum(settled_within) AS settled_within, sum(settled_breached) AS settled_breached, ${histogramSums}
      FROM parts
      GROUP BY service_id, severity_key
      HAVING sum(incidents) > 0
    ),
    -- open incidents (the rollup judges resolved ones only): judged now, counted apart (they add no other sum)
    open AS (
      SELECT service_id, severity_key,
        count(*) FILTER (WHERE NOT (never_acked OR acked_late OR resolved_late) AND NOT pending) AS within,
        count(*) FILTER (WHERE never_acked OR acked_late OR resolved_late) AS breached,
        count(*) FILTER (WHERE NOT (never_acked OR acked_late OR resolved_late) AND pending) AS pending
      FROM (${judged(filter, audience, now)}) j
      WHERE j.resolved_at IS NULL AND j.counted
      GROUP BY service_id, severity_key
    )
    SELECT summed.*, summed.settled_within + coalesce(open.within, 0) AS within,
      summed.settled_breached + coalesce(open.breached, 0) AS breached, coalesce(open.pending, 0) AS pending
    FROM summed LEFT JOIN open USING (service_id, severity_key)`.execute(db);
  return rows;
}

/** Helper connections for the rank reads (openSnapshotReaders): a cold read overlaps its pages' waits. */
const RANK_READ_HELPERS = 5;

/** The aggregates of analytics.figures.ts's aggregateFigures, through the rollup (rollupAnswers must hold). */
export async function rollupFigures(
  db: Db,
  audience: Audience,
  now: Date,
  filter: AnalyticsFilter,
  groupBy: GroupBy,
  thenBy: GroupBy,
): Promise<GroupFiguresWithoutLabel[]> {
  // The sums and the ranks must see the same incidents: one snapshot for both.
  const query = { audience, now, filter, groupBy, thenBy };
  if (!db.isTransaction) {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((tx) => figuresIn(tx, db, query));
  }
  return figuresIn(db, undefined, query);
}

/** rollupFigures in its transaction `db`; with `root` (the handle it was begun on) the rank reads get helpers. */
async function figuresIn(
  db: Db,
  root: Db | undefined,
  {
    audience,
    now,
    filter,
    groupBy,
    thenBy,
  }: { audience: Audience; now: Date; filter: AnalyticsFilter; groupBy: GroupBy; thenBy: GroupBy },
): Promise<GroupFiguresWithoutLabel[]> {
  // Short queries over many small plans: compiling them costs more than it saves. The sums' aggregate
  // holds some 90 sums per service and severity: in memory, not spilled to disk by the 4 MB default.
  await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(db);
  const rows = await sums(db, audience, now, filter);
  // The index entries the histograms count: the same period, filters and visibility.
  const condition = sql<boolean>`s.opened_at >= ${filter.from} AND s.opened_at < ${filter.to}
    AND ${dimensions(filter, 's')} AND ${visibleTo(audience)}`;
  const n = (row: SumRow, clock: Clock) => Number(row[`${clock}_n`]);
  const groupsByClock = new Map(
    CLOCKS.map((clock) => [
      clock,
      rows.map((row) => {
        const histogram = row[`${clock}_hist`].map(Number);
        const total = histogram.reduce((a, b) => a + b, 0);
        if (total !== n(row, clock)) {
          throw new Error(
            `The rollup's ${clock} histogram of service ${row.service_id}, severity ${row.severity_key} counts ${total} values, its count ${n(row, clock)}`,
          );
        }
        return { serviceId: row.service_id, severityKey: row.severity_key, histogram };
      }),
    ]),
  );
  const readers = root ? await openSnapshotReaders(db, root, RANK_READ_HELPERS) : undefined;
  const byClock = await percentilesByRank(db, groupsByClock, condition, readers);
  const figures = rows.map((row, i): GroupFiguresWithoutLabel => {
    const distribution = (clock: Clock): Distribution => {
      const count = n(row, clock);
      const p = byClock.get(clock)![i]!;
      return { count, mean: count ? ms(row[`${clock}_mean`]) : null, median: ms(p.median), p90: ms(p.p90) };
    };
    const counted = Number(row.counted);
    const acked = Number(row.acked);
    const within = Number(row.within);
    const breached = Number(row.breached);
    const keys = { service: row.service_id, severity: row.severity_key } as Record<string, string>;
    return {
      key: keys[groupBy]!,
      subKey: keys[thenBy]!,
      count: counted,
      nearMisses: Number(row.near_misses),
      tta: distribution('tta'),
      ttm: distribution('ttm'),
      ttr: distribution('ttr'),
      escalationRate: counted ? Number(row.escalated) / counted : null,
      ackedByIntegrationShare: acked ? Number(row.acked_by_integration) / acked : null,
      within,
      breached,
      pending: Number(row.pending),
      compliance: within + breached === 0 ? null : within / (within + breached),
    };
  });
  // The row path's order: by key, then sub-key, as text.
  return figures.sort((a, b) => compareText(a.key!, b.key!) || compareText(a.subKey!, b.subKey!));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Folds the triggers' delta rows into one row per cell (at most `limit` at
 * a time). Safe beside writers (they only append) and beside another
 * compaction (a delta row is deleted, and so counted, once).
 */
export async function compactRollup(db: Db, limit = 50_000): Promise<number> {
  const summed = sql.raw(CONTRIBUTIONS.map((c) => `sum(${c})`).join(', '));
  const added = sql.raw(
    CONTRIBUTIONS.map((c) => `${c} = incident_sla_rollup.${c} + excluded.${c}`).join(',\n        '),
  );
  const { rows } = await sql<{ folded: string }>`
    WITH moved AS (
      DELETE FROM incident_sla_rollup WHERE ctid IN (
        SELECT ctid FROM incident_sla_rollup WHERE delta LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING *
    ),
    merged AS (
      INSERT INTO incident_sla_rollup (month, service_id, team_id, escalation_policy_id, severity_key, delta,
        ${CONTRIBUTION_COLUMNS})
      SELECT month, service_id, team_id, escalation_policy_id, severity_key, false, ${summed}
      FROM moved
      GROUP BY month, service_id, team_id, escalation_policy_id, severity_key
      ON CONFLICT (month, service_id, team_id, escalation_policy_id, severity_key) WHERE NOT delta DO UPDATE SET
        ${added}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved) AS folded`.execute(db);
  return Number(rows[0]?.folded ?? 0);
}

const COMPACT_EVERY_MS = 10 * 60_000;
const COMPACT_AT_DELTAS = 1000;

/**
 * The engine's reconciler (its shape, without importing the engine) that
 * folds delta rows: when a thousand have piled up, else every ten minutes.
 * Readers sum deltas and folded rows alike, so how far it lags never changes
 * a figure, only how many rows a read sums.
 */
export function createRollupCompactor(deps: { db: Db; clock: { now(): Date } }) {
  let lastRun = 0;
  return {
    name: 'analytics.rollup-compaction',
    dueByTime: true,
    async runOnce(now: Date): Promise<boolean> {
      const { rows } = await sql<{ n: string }>`
        SELECT count(*) AS n FROM (SELECT 1 FROM incident_sla_rollup WHERE delta LIMIT ${COMPACT_AT_DELTAS}) d`.execute(
        deps.db,
      );
      const pending = Number(rows[0]!.n);
      // Nothing to fold counts as a run: else its next due instant would stay "now" and keep the engine awake.
      if (pending === 0) lastRun = now.getTime();
      if (pending === 0 || (pending < COMPACT_AT_DELTAS && now.getTime() - lastRun < COMPACT_EVERY_MS)) return false;
      lastRun = now.getTime();
      return (await compactRollup(deps.db)) >= 50_000;
    },
    nextDueAt: async () => new Date(Math.max(lastRun + COMPACT_EVERY_MS, deps.clock.now().getTime())),
  };
}
