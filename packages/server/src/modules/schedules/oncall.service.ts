/**
 * Who is on call, from the database: loads the versions and overrides that
 * matter for a range and hands them to the pure calculator. These are the
 * contracts paging uses (`computeOnCall`), and the answers the API, the CLI
 * and the chat command give (`whoIsOnCall`).
 */
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { getTeam } from '../teams/index.js';
import type { ScheduleDefinition } from './oncall/definition.js';
import { finalShifts, onCallAt, type ScheduleTimeline, type TimelineOverride } from './oncall/timeline.js';
import { DAY_MS } from './oncall/zone-rules.js';
import { selectOverridesForRange, type OverrideRow } from './overrides.repo.js';
import { findScheduleRow, selectSchedules, selectVersionsForRange, type ScheduleRow } from './schedules.repo.js';
import type { OnCallAnswer, OnCallQuery, ServiceTargetsLookup } from './schedules.types.js';
import type { OnCallUser, Shift } from './schedules.schema.js';
import { iso, loadPeople, onCallUser, toShifts } from './schedules.view.js';

/** How far ahead "until" looks for the end of a shift in progress. */
const UNTIL_HORIZON_MS = 35 * DAY_MS;

export function toTimelineOverride(row: OverrideRow): TimelineOverride {
  const end = row.removed_at && row.removed_at < row.ends_at ? row.removed_at : row.ends_at;
  return {
    id: row.id,
    kind: row.kind,
    userId: row.user_id,
    replacesUserId: row.replaces_user_id,
    start: row.starts_at.getTime(),
    end: end.getTime(),
    createdAt: row.created_at.getTime(),
  };
}

/** The timelines (versions + overrides) that decide [from, to) for each schedule, in two queries. */
export async function loadTimelines(
  db: Db,
  scheduleIds: string[],
  from: Date,
  to: Date,
): Promise<Map<string, ScheduleTimeline>> {
  const timelines = new Map<string, ScheduleTimeline>(scheduleIds.map((id) => [id, { versions: [], overrides: [] }]));
  for (const v of await selectVersionsForRange(db, scheduleIds, from, to)) {
    timelines.get(v.schedule_id)!.versions.push({
      number: v.number,
      effectiveFrom: v.effective_from.getTime(),
      definition: v.definition as ScheduleDefinition,
    });
  }
  for (const o of await selectOverridesForRange(db, scheduleIds, from, to))
    timelines.get(o.schedule_id)!.overrides.push(toTimelineOverride(o));
  return timelines;
}

export async function loadTimeline(db: Db, scheduleId: string, from: Date, to: Date): Promise<ScheduleTimeline> {
  return (await loadTimelines(db, [scheduleId], from, to)).get(scheduleId)!;
}

/** User ids on call at `at` for many schedules at once (two queries, then pure math). */
export async function computeOnCallIds(db: Db, scheduleIds: string[], at: Date): Promise<Map<string, string[]>> {
  const timelines = await loadTimelines(db, scheduleIds, at, new Date(at.getTime() + 1));
  const out = new Map<string, string[]>();
  for (const [id, timeline] of timelines) out.set(id, onCallAt(timeline, at.getTime()));
  return out;
}

/** Who is on call for one schedule at `at`: the contract paging resolves schedule targets with. */
export async function computeOnCall(db: Db, scheduleId: string, at: Date): Promise<OnCallUser[]> {
  const ids = (await computeOnCallIds(db, [scheduleId], at)).get(scheduleId) ?? [];
  const people = await loadPeople(db, ids);
  return ids.map((id) => onCallUser(people.get(id)));
}

/** The final shifts of one schedule over [from, to), clipped to the range, with names. */
export async function computeShifts(db: Db, scheduleId: string, from: Date, to: Date): Promise<Shift[]> {
  const shifts = finalShifts(await loadTimeline(db, scheduleId, from, to), from.getTime(), to.getTime());
  return toShifts(
    shifts,
    await loadPeople(
      db,
      shifts.map((s) => s.userId),
    ),
  );
}

export async function requireSchedule(db: Db, idOrName: string): Promise<ScheduleRow> {
  const row = await findScheduleRow(db, idOrName);
  if (!row) throw notFound('Schedule', idOrName);
  return row;
}

interface Target {
  schedule: ScheduleRow;
  level: number | null;
}

async function targetsOf(
  ctx: Ctx,
  query: OnCallQuery,
  lookupService: ServiceTargetsLookup | undefined,
): Promise<{ scope: OnCallAnswer['scope']; targets: Target[]; notes: string[] }> {
  const notes: string[] = [];
  if (query.schedule) {
    const schedule = await requireSchedule(ctx.db, query.schedule);
    return {
      scope: { kind: 'schedule', id: schedule.id, name: schedule.name },
      targets: [{ schedule, level: null }],
      notes,
    };
  }
  if (query.team) {
    const team = await getTeam(ctx, query.team);
    const schedules = await selectSchedules(ctx.db, { teamIds: [team.id] });
    if (schedules.length === 0) notes.push(`Team ${team.name} has no schedules`);
    return {
      scope: { kind: 'team', id: team.id, name: team.name },
      targets: schedules.map((schedule) => ({ schedule, level: null })),
      notes,
    };
  }
  if (query.service) {
    if (!lookupService)
      throw new AppError(
        'unavailable',
        'Who is on call for a service needs the services module, which this server does not have wired.',
      );
    const found = await lookupService(ctx, query.service);
    const ids = [...new Set(found.levels.flatMap((l) => l.scheduleIds))];
    const schedules = new Map((await selectSchedules(ctx.db, { ids })).map((s) => [s.id, s]));
    const targets: Target[] = [];
    for (const level of found.levels) {
      for (const id of level.scheduleIds) {
        const schedule = schedules.get(id);
        if (schedule) targets.push({ schedule, level: level.level });
        else notes.push(`Level ${level.level} names schedule ${id}, which no longer exists`);
      }
    }
    if (found.levels.every((l) => l.scheduleIds.length === 0))
      notes.push(`The escalation policy of ${found.service.name} has no schedule targets`);
    return { scope: { kind: 'service', id: found.service.id, name: found.service.name }, targets, notes };
  }
  const schedules = await selectSchedules(ctx.db);
  return {
    scope: { kind: 'all', id: null, name: 'all schedules' },
    targets: schedules.map((schedule) => ({ schedule, level: null })),
    notes,
  };
}

/** Who is on call at a time (default now) for a schedule, a team's schedules, a service's policy, or every schedule. */
export async function whoIsOnCall(
  ctx: Ctx,
  query: OnCallQuery,
  options: { lookupService?: ServiceTargetsLookup } = {},
): Promise<OnCallAnswer> {
  requireRole(ctx.actor, 'viewer', 'see who is on call');
  const at = query.at ?? ctx.clock.now();
  const { scope, targets, notes } = await targetsOf(ctx, query, options.lookupService);
  const ids = [...new Set(targets.map((t) => t.schedule.id))];
  const timelines = await loadTimelines(ctx.db, ids, at, new Date(at.getTime() + UNTIL_HORIZON_MS));
  const perSchedule = new Map<string, Array<{ userId: string; until: number | null }>>();
  for (const id of ids) {
    const timeline = timelines.get(id)!;
    const now = onCallAt(timeline, at.getTime());
    const shifts = finalShifts(timeline, at.getTime(), at.getTime() + UNTIL_HORIZON_MS);
    perSchedule.set(
      id,
      now.map((userId) => {
        const shift = shifts.find((s) => s.userId === userId && s.start <= at.getTime());
        const until = shift && shift.end < at.getTime() + UNTIL_HORIZON_MS ? shift.end : null;
        return { userId, until };
      }),
    );
  }
  const people = await loadPeople(
    ctx.db,
    [...perSchedule.values()].flat().map((u) => u.userId),
  );
  return {
    at: iso(at),
    scope,
    items: targets.map(({ schedule, level }) => ({
      schedule: { id: schedule.id, name: schedule.name, timeZone: schedule.time_zone },
      level,
      users: perSchedule
        .get(schedule.id)!
        .map((u) => ({ ...onCallUser(people.get(u.userId)), until: u.until === null ? null : iso(u.until) })),
    })),
    notes,
  };
}
