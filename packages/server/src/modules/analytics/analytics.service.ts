/**
 * Analytics' use cases: the summary (aggregates per group), the figures of
 * each incident, and the monthly report of a team. Anyone who reads
 * incidents reads them (viewer and up); private incidents count only for
 * those who may see them (analytics.filters.ts).
 */
import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { badRequest } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import { aggregateFigures, incidentFigures, type GroupFiguresWithoutLabel } from './analytics.figures.js';
import { resolveFilter, type AnalyticsFilter, type Audience } from './analytics.filters.js';
import type {
  GroupBy,
  GroupFigures,
  IncidentFigures,
  IncidentFiguresQuery,
  Report,
  ReportQuery,
  Summary,
  SummaryQuery,
} from './analytics.schema.js';

const SEVERITY_LABELS: Record<string, string> = { none: 'Not declared (paged only)' };

/** Names for group keys that are ids (teams, services, policies), read by join. */
async function namesFor(db: Db, groupBy: GroupBy, keys: Array<string | null>): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null);
  if (ids.length === 0 || (groupBy !== 'team' && groupBy !== 'service' && groupBy !== 'policy')) return new Map();
  const table = groupBy === 'team' ? 'teams' : groupBy === 'service' ? 'services' : 'escalation_policies';
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

const labelOf = (groupBy: GroupBy, key: string | null, names: Map<string, string>): string =>
  key === null
    ? groupBy === 'none'
      ? 'All incidents'
      : groupBy === 'team'
        ? 'No team'
        : 'None'
    : (names.get(key) ?? SEVERITY_LABELS[key] ?? key);

async function labelGroups(
  db: Db,
  groupBy: GroupBy,
  groups: GroupFiguresWithoutLabel[],
  thenBy: GroupBy = 'none',
): Promise<GroupFigures[]> {
  const names = await namesFor(
    db,
    groupBy,
    groups.map((g) => g.key),
  );
  const subNames = await namesFor(
    db,
    thenBy,
    groups.map((g) => g.subKey),
  );
  return groups.map((group) => ({
    ...group,
    label: labelOf(groupBy, group.key, names),
    subLabel: thenBy === 'none' ? null : labelOf(thenBy, group.subKey, subNames),
  }));
}

export async function summarizeIncidents(ctx: Ctx, query: SummaryQuery): Promise<Summary> {
  requireRole(ctx.actor, 'viewer', 'read analytics');
  const now = ctx.clock.now();
  const filter = resolveFilter(query, now);
  const groups = await aggregateFigures(ctx.db, ctx.actor, now, filter, query.groupBy, query.period, query.thenBy);
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    groupBy: query.groupBy,
    thenBy: query.thenBy,
    groups: await labelGroups(ctx.db, query.groupBy, groups, query.thenBy),
  };
}

export async function listIncidentFigures(ctx: Ctx, query: IncidentFiguresQuery): Promise<IncidentFigures[]> {
  requireRole(ctx.actor, 'viewer', 'read analytics');
  const now = ctx.clock.now();
  const filter = resolveFilter(query, now);
  return incidentFigures(ctx.db, ctx.actor, now, filter, {
    limit: query.limit,
    offset: query.offset,
    breachedOnly: query.breached === undefined ? undefined : query.breached === 'true',
  });
}

const EMPTY_GROUP = (label: string): GroupFigures => {
  const none = { count: 0, mean: null, median: null, p90: null };
  return {
    key: null,
    label,
    subKey: null,
    subLabel: null,
    count: 0,
    nearMisses: 0,
    tta: none,
    ttm: none,
    ttr: none,
    escalationRate: null,
    ackedByIntegrationShare: null,
    within: 0,
    breached: 0,
    pending: 0,
    compliance: null,
  };
};

/** The month's bounds in a zone: first day 00:00 local to the next month's. */
export function monthBounds(month: string, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: timeZone });
  if (!start.isValid) throw badRequest(`"${month}" is not a month; give it as YYYY-MM, e.g. 2026-11.`);
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** A team's (or everyone's) month: overall figures, by severity and service, and every breach. */
export async function monthlyReport(ctx: Ctx, query: ReportQuery): Promise<Report> {
  requireRole(ctx.actor, 'viewer', 'read analytics');
  const now = ctx.clock.now();
  const timeZone = query.tz ?? 'UTC';
  const month = query.month ?? DateTime.fromJSDate(now, { zone: timeZone }).minus({ months: 1 }).toFormat('yyyy-MM');
  const { from, to } = monthBounds(month, timeZone);
  const team = query.team ? await getTeam(ctx, query.team) : null;
  const filter = resolveFilter(
    { from: from.toISOString(), to: to.toISOString(), tz: timeZone, ...(team && { teamId: team.id }) },
    now,
  );
  const figures = await reportFigures(ctx.db, ctx.actor, now, filter);
  const monthName = DateTime.fromFormat(month, 'yyyy-MM').toFormat('LLLL yyyy');
  return {
    title: `${team ? team.name : 'All teams'}: ${monthName}`,
    team: team && { id: team.id, slug: team.slug, name: team.name },
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone,
    ...figures,
  };
}

/** A report's figures for a period and scope: overall, by severity and service, and every breach. */
export async function reportFigures(db: Db, audience: Audience, now: Date, filter: AnalyticsFilter) {
  const [overall] = await aggregateFigures(db, audience, now, filter, 'none', 'month');
  const bySeverity = await aggregateFigures(db, audience, now, filter, 'severity', 'month');
  const byService = await aggregateFigures(db, audience, now, filter, 'service', 'month');
  const breaches = await incidentFigures(db, audience, now, filter, { limit: 1000, offset: 0, breachedOnly: true });
  return {
    overall: overall ? (await labelGroups(db, 'none', [overall]))[0]! : EMPTY_GROUP('All incidents'),
    bySeverity: await labelGroups(db, 'severity', bySeverity),
    byService: await labelGroups(db, 'service', byService),
    breaches,
  };
}
