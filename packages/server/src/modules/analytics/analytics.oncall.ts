/**
 * On-call health (docs/analytics.md "On-call health"): interruptions per
 * person in business, off and sleep hours of that person's own time zone;
 * nights and weekend days on call from the schedules' final shifts; the
 * noisiest alerts. Reads notifications, users, alerts and schedules by joins
 * and through the schedules module's calculator; writes nothing. A private
 * incident's pages and alerts count only for those who may see it (ADR 18).
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { badRequest } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { incidentVisibleTo } from '../incidents/index.js';
import { finalShifts, loadTimelines } from '../schedules/index.js';
import type { OnCallHealth, OnCallHealthQuery } from './analytics.oncall.schema.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
/** The hours, local to the person (docs/analytics.md): sleep 22:00–07:00 every day; business Mon–Fri 09:00–18:00. */
export const SLEEP_FROM_HOUR = 22;
export const SLEEP_TO_HOUR = 7;
export const BUSINESS_FROM_HOUR = 9;
export const BUSINESS_TO_HOUR = 18;

interface Interval {
  start: number;
  end: number;
}

/** Merges overlapping or touching intervals (a person on two schedules at once is on call once). */
function merged(intervals: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

const overlaps = (intervals: Interval[], start: number, end: number) =>
  intervals.some((i) => i.start < end && start < i.end);

/**
 * Nights and weekend days on call, and hours on call, in `timeZone`: a night
 * is the sleep window starting 22:00 on a local date and ending 07:00 the next
 * (8 or 10 hours across a DST change); it counts when any of it is on call and
 * it starts inside [from, to). A weekend day is a local Saturday or Sunday,
 * 00:00 to 00:00, likewise.
 */
export function onCallTime(shifts: Interval[], timeZone: string, from: number, to: number) {
  const on = merged(
    shifts.map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) })).filter((s) => s.start < s.end),
  );
  let nights = 0;
  let weekendDays = 0;
  // From the local day before `from` (its night may start inside the range) to the day of `to`.
  let day = DateTime.fromMillis(from, { zone: timeZone }).startOf('day').minus({ days: 1 });
  while (day.toMillis() < to) {
    const nightStart = day.set({ hour: SLEEP_FROM_HOUR }).toMillis();
    const nightEnd = day.plus({ days: 1 }).set({ hour: SLEEP_TO_HOUR }).toMillis();
    if (nightStart >= from && nightStart < to && overlaps(on, nightStart, nightEnd)) nights++;
    const dayStart = day.toMillis();
    const next = day.plus({ days: 1 });
    if (day.weekday >= 6 && dayStart >= from && dayStart < to && overlaps(on, dayStart, next.toMillis())) weekendDays++;
    day = next;
  }
  const hours = on.reduce((sum, i) => sum + (i.end - i.start), 0) / 3_600_000;
  return { nights, weekendDays, hours };
}

interface InterruptionRow {
  user_id: string;
  total: number;
  business: number;
  off: number;
  sleep: number;
}

export async function onCallHealth(ctx: Ctx, query: OnCallHealthQuery): Promise<OnCallHealth> {
  requireRole(ctx.actor, 'viewer', 'read analytics');
  const now = ctx.clock.now();
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
  if (from.getTime() >= to.getTime())
    throw badRequest(`"from" (${from.toISOString()}) must be before "to" (${to.toISOString()}).`);
  if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
    throw badRequest(`The period is longer than ${MAX_DAYS} days; ask for a shorter one.`);
  const db = ctx.db;
  const team = query.teamId ? sql`AND s.team_id = ${query.teamId}` : sql``;

  // Interruptions: each incident that paged a person, once, at its first page to them.
  const local = sql`(p.at AT TIME ZONE u.time_zone)`;
  const hour = sql`extract(hour FROM ${local})`;
  const sleep = sql`(${hour} >= ${SLEEP_FROM_HOUR} OR ${hour} < ${SLEEP_TO_HOUR})`;
  const business = sql`(extract(isodow FROM ${local}) <= 5 AND ${hour} >= ${BUSINESS_FROM_HOUR} AND ${hour} < ${BUSINESS_TO_HOUR})`;
  const { rows: interruptions } = await sql<InterruptionRow>`
    WITH p AS (
      SELECT n.user_id, n.incident_id, min(n.send_at) AS at
      FROM notifications n
      WHERE n.kind = 'page' AND n.user_id IS NOT NULL AND n.incident_id IS NOT NULL AND n.status <> 'skipped'
      GROUP BY n.user_id, n.incident_id
    )
    SELECT p.user_id,
      count(*)::int AS total,
      (count(*) FILTER (WHERE ${sleep}))::int AS sleep,
      (count(*) FILTER (WHERE NOT ${sleep} AND ${business}))::int AS business,
      (count(*) FILTER (WHERE NOT ${sleep} AND NOT ${business}))::int AS off
    FROM p JOIN users u ON u.id = p.user_id
    LEFT JOIN incident_sla s ON s.incident_id = p.incident_id
    WHERE p.at >= ${from} AND p.at < ${to} ${team}
      AND ${incidentVisibleTo(ctx.actor, 'p.incident_id')}
    GROUP BY p.user_id`.execute(db);

  // Time on call: every schedule's (or the team's) final shifts over the period.
  const schedules = await sql<{ id: string }>`
    SELECT id FROM schedules s WHERE true ${query.teamId ? sql`AND s.team_id = ${query.teamId}` : sql``}`.execute(db);
  const timelines = await loadTimelines(
    db,
    schedules.rows.map((r) => r.id),
    from,
    to,
  );
  const shiftsByUser = new Map<string, Interval[]>();
  for (const timeline of timelines.values())
    for (const shift of finalShifts(timeline, from.getTime(), to.getTime()))
      shiftsByUser.set(shift.userId, [...(shiftsByUser.get(shift.userId) ?? []), shift]);

  const userIds = [...new Set([...interruptions.map((r) => r.user_id), ...shiftsByUser.keys()])];
  const people =
    userIds.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'name', 'time_zone']).where('id', 'in', userIds).execute();
  const byUser = new Map(interruptions.map((r) => [r.user_id, r]));
  const persons = people
    .map((person) => {
      const i = byUser.get(person.id);
      const time = onCallTime(shiftsByUser.get(person.id) ?? [], person.time_zone, from.getTime(), to.getTime());
      return {
        userId: person.id,
        name: person.name,
        timeZone: person.time_zone,
        interruptions: {
          total: i?.total ?? 0,
          business: i?.business ?? 0,
          off: i?.off ?? 0,
          sleep: i?.sleep ?? 0,
        },
        nightsOnCall: time.nights,
        weekendDaysOnCall: time.weekendDays,
        hoursOnCall: Math.round(time.hours * 100) / 100,
      };
    })
    .sort(
      (a, b) =>
        b.interruptions.sleep - a.interruptions.sleep ||
        b.interruptions.total - a.interruptions.total ||
        a.name.localeCompare(b.name),
    );

  // The noisiest alerts: an alert is its source's (integration, dedup key) on a service, however often it reopened.
  const { rows: alerts } = await sql<{
    service_id: string;
    service_name: string;
    dedup_key: string;
    summary: string;
    alerts: number;
    triggers: number;
    auto_resolved: number;
  }>`
    SELECT a.service_id, sv.name AS service_name, a.dedup_key,
      (array_agg(a.summary ORDER BY a.last_triggered_at DESC))[1] AS summary,
      count(*)::int AS alerts,
      sum(a.trigger_count)::int AS triggers,
      (count(*) FILTER (WHERE a.resolved_at IS NOT NULL AND a.acknowledged_at IS NULL
        AND (s.first_ack_at IS NULL OR s.first_ack_at > a.resolved_at)
        AND EXISTS (SELECT 1 FROM alert_events e WHERE e.alert_id = a.id AND e.action = 'resolve')))::int AS auto_resolved
    FROM alerts a
    JOIN services sv ON sv.id = a.service_id
    LEFT JOIN incident_sla s ON s.incident_id = a.incident_id
    WHERE a.first_triggered_at >= ${from} AND a.first_triggered_at < ${to} AND a.status <> 'suppressed' ${team}
      AND ${incidentVisibleTo(ctx.actor, 'a.incident_id')}
    GROUP BY a.service_id, sv.name, a.integration_key_id, a.dedup_key`.execute(db);
  const alertOf = (r: (typeof alerts)[number]) => ({
    serviceId: r.service_id,
    serviceName: r.service_name,
    dedupKey: r.dedup_key,
    summary: r.summary,
    alerts: r.alerts,
    triggers: r.triggers,
    autoResolved: r.auto_resolved,
  });
  const top = (score: (r: (typeof alerts)[number]) => number) =>
    alerts
      .filter((r) => score(r) > 0)
      .sort((a, b) => score(b) - score(a) || b.triggers - a.triggers || a.dedup_key.localeCompare(b.dedup_key))
      .slice(0, query.limit)
      .map(alertOf);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    people: persons,
    mostTriggered: top((r) => r.triggers),
    mostAutoResolved: top((r) => r.auto_resolved),
  };
}
