/**
 * The figures of docs/analytics.md in SQL, over analytics' snapshot
 * (incident_sla) joined read-only to incidents: per incident (clocks,
 * breaches with their reason) and per group (count, mean, median and p90 of
 * each clock, escalation rate, share acknowledged by an integration,
 * compliance). One definition of "breached" serves both, in `judged` below.
 */
import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db } from '../../db/client.js';
import type { AnalyticsFilter, Audience } from './analytics.filters.js';
import { judged, ms } from './analytics.judged.js';
import { rollupAnswers, rollupFigures } from './analytics.rollup.js';
import type { BreachReason, Distribution, GroupBy, GroupFigures, IncidentFigures, Period } from './analytics.schema.js';

/**
 * count, mean and both percentiles of one clock over the group's counted
 * incidents: one ordered-set aggregate per clock (the percentiles as an
 * array share its sort), the excluded ones turned into NULLs it skips.
 */
const distribution = (column: string) => {
  const value = sql`CASE WHEN NOT excluded THEN ${sql.ref(column)} END`;
  return sql`json_build_object(
    'count', count(${value}),
    'mean', avg(${value}),
    'percentiles', percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${value}))`;
};

/** The group's key as stored (uuids stay uuids: grouping on them is cheaper than on their text). */
function groupKey(groupBy: GroupBy, period: Period, tz: string): RawBuilder<unknown> {
  switch (groupBy) {
    case 'none':
      return sql`NULL::text`;
    case 'severity':
      return sql`coalesce(severity, 'none')`;
    case 'priority':
      return sql`coalesce(priority, 'none')`;
    case 'urgency':
      return sql`urgency`;
    case 'team':
      return sql`team_id`;
    case 'service':
      return sql`service_id`;
    case 'policy':
      return sql`escalation_policy_id`;
    case 'period':
      return sql`to_char(date_trunc(${period}, opened_at AT TIME ZONE ${tz}), 'YYYY-MM-DD')`;
  }
}

interface DistributionRow {
  count: number;
  mean: number | null;
  percentiles: [number, number] | null;
}

interface GroupRow {
  key: string | null;
  sub_key: string | null;
  count: number;
  near_misses: number;
  tta: DistributionRow;
  ttm: DistributionRow;
  ttr: DistributionRow;
  escalation_rate: number | null;
  integration_share: number | null;
  within: number;
  breached: number;
  pending: number;
}

const rounded = (d: DistributionRow): Distribution => ({
  count: d.count,
  mean: ms(d.mean),
  median: ms(d.percentiles?.[0] ?? null),
  p90: ms(d.percentiles?.[1] ?? null),
});

export type GroupFiguresWithoutLabel = Omit<GroupFigures, 'label' | 'subLabel'>;

/** Aggregates per group, in the group key's order. */
export async function aggregateFigures(
  db: Db,
  actor: Audience,
  now: Date,
  filter: AnalyticsFilter,
  groupBy: GroupBy,
  period: Period,
  thenBy: GroupBy = 'none',
  options: { rowsOnly?: boolean } = {},
): Promise<GroupFiguresWithoutLabel[]> {
  // A long period by service and severity: the rollup and the clocks' indexes (analytics.rollup.ts);
  // `rowsOnly` (the benchmark's comparison) takes the row path whatever the query.
  if (!options.rowsOnly && rollupAnswers(filter, groupBy, thenBy))
    return rollupFigures(db, actor, now, filter, groupBy, thenBy);
  const key = groupKey(groupBy, period, filter.tz);
  const subKey = groupKey(thenBy, period, filter.tz);
  // One sort per clock and group: give it room in memory, and no JIT (compiling costs more than it saves here).
  const { rows } = await inTransaction(db, async (tx) => {
    await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(tx);
    return sql<GroupRow>`
    WITH j AS (${judged(filter, actor, now)}),
    k AS (SELECT ${key} AS key, ${subKey} AS sub_key, j.* FROM j)
    SELECT key::text AS key, sub_key::text AS sub_key,
      (count(*) FILTER (WHERE NOT excluded))::int AS count,
      (count(*) FILTER (WHERE near_miss AND merged_into IS NULL))::int AS near_misses,
      ${distribution('tta')} AS tta,
      ${distribution('ttm')} AS ttm,
      ${distribution('ttr')} AS ttr,
      avg((escalation_count > 0)::int::float8) FILTER (WHERE NOT excluded) AS escalation_rate,
      ((count(*) FILTER (WHERE NOT excluded AND first_ack_kind = 'integration'))::float8
        / nullif(count(first_ack_at) FILTER (WHERE NOT excluded), 0)) AS integration_share,
      (count(*) FILTER (WHERE NOT excluded AND NOT (never_acked OR acked_late OR resolved_late) AND NOT pending))::int AS within,
      (count(*) FILTER (WHERE NOT excluded AND (never_acked OR acked_late OR resolved_late)))::int AS breached,
      (count(*) FILTER (WHERE NOT excluded AND NOT (never_acked OR acked_late OR resolved_late) AND pending))::int AS pending
    FROM k
    GROUP BY key, sub_key
    ORDER BY key NULLS FIRST, sub_key NULLS FIRST`.execute(tx);
  });
  return rows.map((row) => ({
    key: row.key,
    subKey: row.sub_key,
    count: row.count,
    nearMisses: row.near_misses,
    tta: rounded(row.tta),
    ttm: rounded(row.ttm),
    ttr: rounded(row.ttr),
    escalationRate: row.escalation_rate,
    ackedByIntegrationShare: row.integration_share,
    within: row.within,
    breached: row.breached,
    pending: row.pending,
    compliance: row.within + row.breached === 0 ? null : row.within / (row.within + row.breached),
  }));
}

interface IncidentRow {
  incident_id: string;
  number: string;
  title: string;
  opened_at: Date;
  service_id: string;
  team_id: string | null;
  escalation_policy_id: string | null;
  severity: IncidentFigures['severity'];
  priority: IncidentFigures['priority'];
  urgency: IncidentFigures['urgency'];
  near_miss: boolean;
  merged_into: string | null;
  reopen_count: number;
  first_ack_at: Date | null;
  first_ack_kind: IncidentFigures['acknowledgedBy'];
  mitigated_at: Date | null;
  resolved_at: Date | null;
  tta: number | null;
  ttm: number | null;
  ttr: number | null;
  ack_due_at: Date | null;
  resolve_due_at: Date | null;
  escalation_count: number;
  people_paged: number;
  excluded: boolean;
  never_acked: boolean;
  acked_late: boolean;
  resolved_late: boolean;
  pending: boolean;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const secondsBetween = (a: Date, b: Date): number => (a.getTime() - b.getTime()) / 1000;

function breachesOf(row: IncidentRow, now: Date): IncidentFigures['breaches'] {
  const breaches: Array<{ reason: BreachReason; bySeconds: number }> = [];
  if (row.never_acked) {
    breaches.push({ reason: 'never_acknowledged', bySeconds: secondsBetween(row.resolved_at ?? now, row.ack_due_at!) });
  }
  if (row.acked_late) {
    breaches.push({ reason: 'acknowledged_late', bySeconds: secondsBetween(row.first_ack_at!, row.ack_due_at!) });
  }
  if (row.resolved_late) {
    breaches.push({ reason: 'resolved_late', bySeconds: secondsBetween(row.resolved_at ?? now, row.resolve_due_at!) });
  }
  return breaches;
}

/** Per-incident figures, newest first; `breachedOnly` keeps those that breached a target. */
export async function incidentFigures(
  db: Db,
  actor: Audience,
  now: Date,
  filter: AnalyticsFilter,
  page: { limit: number; offset: number; breachedOnly?: boolean | undefined },
): Promise<IncidentFigures[]> {
  const breached =
    page.breachedOnly === undefined
      ? sql`true`
      : page.breachedOnly
        ? sql`NOT j.excluded AND (j.never_acked OR j.acked_late OR j.resolved_late)`
        : sql`NOT (j.never_acked OR j.acked_late OR j.resolved_late)`;
  const { rows } = await sql<IncidentRow>`
    WITH j AS (${judged(filter, actor, now)})
    SELECT j.*, i.number, i.title, cardinality(j.paged_user_ids) AS people_paged
    FROM j JOIN incidents i ON i.id = j.incident_id
    WHERE ${breached}
    ORDER BY j.opened_at DESC, i.number DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return rows.map((row) => {
    const breaches = row.excluded ? [] : breachesOf(row, now);
    return {
      incidentId: row.incident_id,
      number: Number(row.number),
      title: row.title,
      openedAt: row.opened_at.toISOString(),
      serviceId: row.service_id,
      teamId: row.team_id,
      policyId: row.escalation_policy_id,
      severity: row.severity,
      priority: row.priority,
      urgency: row.urgency,
      nearMiss: row.near_miss,
      mergedInto: row.merged_into,
      reopenCount: row.reopen_count,
      acknowledgedAt: iso(row.first_ack_at),
      acknowledgedBy: row.first_ack_kind,
      mitigatedAt: iso(row.mitigated_at),
      resolvedAt: iso(row.resolved_at),
      ttaSeconds: row.tta,
      ttmSeconds: row.ttm,
      ttrSeconds: row.ttr,
      ackDueAt: iso(row.ack_due_at),
      resolveDueAt: iso(row.resolve_due_at),
      escalations: row.escalation_count,
      peoplePaged: row.people_paged,
      status: row.excluded ? 'excluded' : breaches.length > 0 ? 'breached' : row.pending ? 'pending' : 'within',
      breaches,
    };
  });
}
