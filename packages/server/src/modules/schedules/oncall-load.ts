/**
 * Loading what decides who is on call (versions and overrides over a range)
 * from the database for the pure calculator, and the simplest question asked
 * of it: who is on call at an instant, and until when.
 */
import type { Db } from '../../db/client.js';
import type { ScheduleDefinition } from './oncall/definition.js';
import { finalShifts, onCallAt, type ScheduleTimeline, type TimelineOverride } from './oncall/timeline.js';
import { DAY_MS } from './oncall/zone-rules.js';
import { selectOverridesForRange, type OverrideRow } from './overrides.repo.js';
import { selectVersionsForRange } from './schedules.repo.js';

/** How far ahead "until" looks for the end of a shift in progress. */
export const UNTIL_HORIZON_MS = 35 * DAY_MS;

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

/**
 * Who is on call at `at` on each schedule, and until when: the end of the
 * shift in progress when it ends within UNTIL_HORIZON_MS, else null.
 */
export async function onCallUntil(
  db: Db,
  scheduleIds: string[],
  at: Date,
): Promise<Map<string, Array<{ userId: string; until: number | null }>>> {
  const timelines = await loadTimelines(db, scheduleIds, at, new Date(at.getTime() + UNTIL_HORIZON_MS));
  const out = new Map<string, Array<{ userId: string; until: number | null }>>();
  for (const id of scheduleIds) {
    const timeline = timelines.get(id)!;
    const shifts = finalShifts(timeline, at.getTime(), at.getTime() + UNTIL_HORIZON_MS);
    out.set(
      id,
      onCallAt(timeline, at.getTime()).map((userId) => {
        const shift = shifts.find((s) => s.userId === userId && s.start <= at.getTime());
        const until = shift && shift.end < at.getTime() + UNTIL_HORIZON_MS ? shift.end : null;
        return { userId, until };
      }),
    );
  }
  return out;
}
