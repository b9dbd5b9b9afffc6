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
import { finalShifts, onCallAt } from './oncall/timeline.js';
import { findScheduleRow, selectSchedules, type ScheduleRow } from './schedules.repo.js';
import { resolveLevels } from './levels-oncall.js';
import { loadTimeline, loadTimelines, onCallUntil } from './oncall-load.js';
import type { OnCallAnswer, OnCallLookups, OnCallQuery, PolicyTargets } from './schedules.types.js';
import type { OnCallUser, Shift } from './schedules.schema.js';
import { iso, loadPeople, onCallUser, toShifts } from './schedules.view.js';

export { loadTimeline, loadTimelines, onCallUntil, toTimelineOverride } from './oncall-load.js';

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

interface Scope {
  scope: OnCallAnswer['scope'];
  targets: Target[];
  policy?: PolicyTargets;
  notes: string[];
}

/** The schedule targets of a policy's levels, in level order; gone schedules become notes. */
async function scheduleTargetsOf(ctx: Ctx, found: PolicyTargets, notes: string[]): Promise<Target[]> {
  const ids = [
    ...new Set(found.levels.flatMap((l) => l.targets.filter((t) => t.type === 'schedule').map((t) => t.id))),
  ];
  const schedules = new Map((await selectSchedules(ctx.db, { ids })).map((s) => [s.id, s]));
  const targets: Target[] = [];
  for (const level of found.levels) {
    for (const target of level.targets) {
      if (target.type !== 'schedule') continue;
      const schedule = schedules.get(target.id);
      if (schedule) targets.push({ schedule, level: level.level });
      else notes.push(`Level ${level.level} names schedule ${target.id}, which no longer exists`);
    }
  }
  return targets;
}

const unwired = (what: string) =>
  new AppError('unavailable', `Who is on call for ${what} needs a lookup this server does not have wired.`);

async function targetsOf(ctx: Ctx, query: OnCallQuery, lookups: OnCallLookups): Promise<Scope> {
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
    if (!lookups.lookupService) throw unwired('a service');
    const found = await lookups.lookupService(ctx, query.service);
    return {
      scope: { kind: 'service', id: found.service.id, name: found.service.name },
      targets: await scheduleTargetsOf(ctx, found, notes),
      policy: found,
      notes,
    };
  }
  if (query.policy) {
    if (!lookups.lookupPolicy) throw unwired('an escalation policy');
    const found = await lookups.lookupPolicy(ctx, query.policy);
    return {
      scope: { kind: 'policy', id: found.policy.id, name: found.policy.name },
      targets: await scheduleTargetsOf(ctx, found, notes),
      policy: found,
      notes,
    };
  }
  const schedules = await selectSchedules(ctx.db);
  return {
    scope: { kind: 'all', id: null, name: 'all schedules' },
    targets: schedules.map((schedule) => ({ schedule, level: null })),
    notes,
  };
}

/**
 * Who is on call at a time (default now) for a schedule, a team's schedules,
 * a service's or a policy's levels (every target resolved to people), or
 * every schedule.
 */
export async function whoIsOnCall(ctx: Ctx, query: OnCallQuery, lookups: OnCallLookups = {}): Promise<OnCallAnswer> {
  requireRole(ctx.actor, 'viewer', 'see who is on call');
  const at = query.at ?? ctx.clock.now();
  const { scope, targets, policy, notes } = await targetsOf(ctx, query, lookups);
  const ids = [...new Set(targets.map((t) => t.schedule.id))];
  const perSchedule = await onCallUntil(ctx.db, ids, at);
  const people = await loadPeople(
    ctx.db,
    [...perSchedule.values()].flat().map((u) => u.userId),
  );
  const levels = policy ? await resolveLevels(ctx, policy.levels, at) : null;
  if (levels?.every((l) => l.targets.every((t) => t.users.length === 0)))
    notes.push(`Nobody would be paged now: no level of ${policy!.policy.name} resolves to a person`);
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
    policy: policy ? policy.policy : null,
    levels,
    notes,
  };
}
