/**
 * The filters every figure takes, turned into one SQL condition over
 * incident_sla (alias `s`), the private-incident rule included (ADR 18): a
 * private incident counts only for those who may see it.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../lib/actor.js';
import { badRequest } from '../../lib/errors.js';
import { incidentVisibleTo } from '../incidents/index.js';
import type { AnalyticsFilterInput } from './analytics.schema.js';

const DAY_MS = 86_400_000;

export interface AnalyticsFilter extends Omit<AnalyticsFilterInput, 'from' | 'to' | 'tz'> {
  from: Date;
  to: Date;
  tz: string;
  /** Any of these teams or services (a share link's scope); empty or absent = no filter. */
  teamIds?: readonly string[];
  serviceIds?: readonly string[];
}

/** Defaults (the last 30 days up to now, UTC), and a refusal for an empty or reversed range. */
export function resolveFilter(input: AnalyticsFilterInput, now: Date): AnalyticsFilter {
  // `to` is exclusive: by default it is just past now, so an incident opened this instant counts.
  const to = input.to ? new Date(input.to) : new Date(now.getTime() + 1);
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    throw badRequest(`"from" (${from.toISOString()}) must be before "to" (${to.toISOString()}).`, {
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }
  const { from: _f, to: _t, tz, ...rest } = input;
  return { ...rest, from, to, tz: tz ?? 'UTC' };
}

/**
 * Who the figures are for: a person (their visibility rule applies), or
 * `public` for what no person reads through an actor (the Prometheus gauges,
 * shared links): no private incident at all.
 */
export type Audience = Actor | 'public';

/**
 * The incidents hidden from the audience: private ones it may not see.
 * Asked once per query as a set (private incidents are few) rather than
 * row by row, so a report over a million incidents costs one hashed lookup
 * per row; the rule itself is incidents.visibility.ts's.
 */
export const visibleTo = (audience: Audience): RawBuilder<boolean> =>
  sql<boolean>`s.incident_id NOT IN (${hiddenFrom(audience)})`;

/**
 * The ids of the incidents hidden from the audience, as a subquery: to take
 * them out of a sum by reading only them (a few rows) rather than testing
 * every row of a period.
 */
export const hiddenFrom = (audience: Audience): RawBuilder<unknown> =>
  audience === 'public'
    ? sql`SELECT pr.incident_id FROM incident_responses pr WHERE pr.private`
    : sql`SELECT pr.incident_id FROM incident_responses pr
        WHERE pr.private AND NOT ${incidentVisibleTo(audience, 'pr.incident_id')}`;

/** True for the incident_sla row `s` the filter keeps and the audience may see. */
export function filterCondition(filter: AnalyticsFilter, audience: Audience): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`s.opened_at >= ${filter.from}`, sql`s.opened_at < ${filter.to}`];
  if (filter.teamId) parts.push(sql`s.team_id = ${filter.teamId}`);
  if (filter.serviceId) parts.push(sql`s.service_id = ${filter.serviceId}`);
  if (filter.teamIds?.length) parts.push(sql`s.team_id = ANY (${[...filter.teamIds]}::uuid[])`);
  if (filter.serviceIds?.length) parts.push(sql`s.service_id = ANY (${[...filter.serviceIds]}::uuid[])`);
  if (filter.policyId) parts.push(sql`s.escalation_policy_id = ${filter.policyId}`);
  if (filter.priority) parts.push(sql`s.priority = ${filter.priority}`);
  if (filter.urgency) parts.push(sql`s.urgency = ${filter.urgency}`);
  if (filter.severity === 'none') parts.push(sql`s.severity IS NULL`);
  else if (filter.severity) parts.push(sql`s.severity = ${filter.severity}`);
  parts.push(visibleTo(audience));
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}
