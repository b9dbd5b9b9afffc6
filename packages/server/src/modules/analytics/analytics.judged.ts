/**
 * What every aggregate path reads: incident_sla rows judged against their
 * targets at "now" (analytics.figures.ts's row path, analytics.rollup.ts's
 * open incidents), and the rounding of seconds both apply.
 */
import { sql, type RawBuilder } from 'kysely';
import { filterCondition, type AnalyticsFilter, type Audience } from './analytics.filters.js';

/**
 * incident_sla `s` (its clocks in seconds are stored: tta, ttm, ttr) with each target judged at
 * `now`. An incident resolved before its acknowledge target fell due, with
 * nobody acknowledging, met that target (nobody needed to).
 */
export function judged(filter: AnalyticsFilter, actor: Audience, now: Date): RawBuilder<unknown> {
  return sql`
    SELECT s.*,
      (s.near_miss OR s.merged_into IS NOT NULL) AS excluded,
      coalesce(s.first_ack_at IS NULL AND s.ack_due_at < coalesce(s.resolved_at, ${now}::timestamptz), false) AS never_acked,
      coalesce(s.first_ack_at > s.ack_due_at, false) AS acked_late,
      coalesce(s.resolve_due_at < coalesce(s.resolved_at, ${now}::timestamptz), false) AS resolved_late,
      coalesce(s.first_ack_at IS NULL AND s.resolved_at IS NULL AND s.ack_due_at >= ${now}::timestamptz, false)
        OR coalesce(s.resolved_at IS NULL AND s.resolve_due_at >= ${now}::timestamptz, false) AS pending
    FROM incident_sla s
    WHERE ${filterCondition(filter, actor)}`;
}

/** Seconds to the millisecond: the clocks' own resolution, without floating-point dust. */
export const ms = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round(seconds * 1000) / 1000;
