/**
 * "My on-call shifts": the signed-in person's shifts in progress and to come
 * across every schedule (overrides included), the next one singled out, and
 * the escalation policies that page them directly, at all times.
 */
import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { loadTimelines, UNTIL_HORIZON_MS } from './oncall-load.js';
import { finalShifts } from './oncall/timeline.js';
import { DAY_MS } from './oncall/zone-rules.js';
import { selectScheduleIdsWithOverridesFor } from './overrides.repo.js';
import { actorUserId } from './schedules.access.js';
import { selectScheduleIdsWithParticipant, selectSchedules } from './schedules.repo.js';
import type { MyOnCall, MyShift } from './schedules.schema.js';
import type { OnCallLookups } from './schedules.types.js';
import { iso } from './schedules.view.js';

const DEFAULT_WEEKS = 4;

/** Schedules that can put the person on call: a layer names them, or an override does. */
export async function scheduleIdsOfPerson(db: Db, userId: string): Promise<string[]> {
  return [
    ...new Set([
      ...(await selectScheduleIdsWithParticipant(db, userId)),
      ...(await selectScheduleIdsWithOverridesFor(db, userId)),
    ]),
  ];
}

export async function getMyOnCall(
  ctx: Ctx,
  query: { weeks?: number | undefined },
  lookups: Pick<OnCallLookups, 'lookupPersonPolicies'> = {},
): Promise<MyOnCall> {
  requireRole(ctx.actor, 'viewer', 'see your on-call shifts');
  const userId = actorUserId(ctx.actor);
  if (!userId) throw new AppError('bad_request', 'On-call shifts belong to a person: ask as a user, not a system.');
  const user = await getUserRecord(ctx.db, userId);
  if (!user) throw new AppError('not_found', `User ${userId} was not found.`);
  const at = ctx.clock.now().getTime();
  const to = at + (query.weeks ?? DEFAULT_WEEKS) * 7 * DAY_MS;
  // From a while back, so a shift in progress shows its real start.
  const from = at - UNTIL_HORIZON_MS;
  const schedules = await selectSchedules(ctx.db, { ids: await scheduleIdsOfPerson(ctx.db, userId) });
  const timelines = await loadTimelines(
    ctx.db,
    schedules.map((s) => s.id),
    new Date(from),
    new Date(to),
  );
  const shifts: MyShift[] = [];
  for (const schedule of schedules) {
    for (const shift of finalShifts(timelines.get(schedule.id)!, from, to)) {
      if (shift.userId !== userId || shift.end <= at) continue;
      shifts.push({
        schedule: { id: schedule.id, name: schedule.name, timeZone: schedule.time_zone },
        start: iso(shift.start),
        end: iso(shift.end),
        isNow: shift.start <= at,
      });
    }
  }
  shifts.sort((a, b) => a.start.localeCompare(b.start) || a.schedule.name.localeCompare(b.schedule.name));
  const policies = lookups.lookupPersonPolicies ? await lookups.lookupPersonPolicies(ctx, userId) : [];
  return {
    user: { id: user.id, name: user.name, timeZone: user.time_zone },
    at: iso(at),
    to: iso(to),
    current: shifts.filter((s) => s.isNow),
    next: shifts.find((s) => !s.isNow) ?? null,
    shifts,
    policies,
  };
}
