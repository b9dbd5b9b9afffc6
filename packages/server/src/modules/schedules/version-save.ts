/**
 * Saving a definition as a new version: never effective before now (the past
 * stays as it was), rotations carried over when only participants change, a
 * readable summary of what changes for whom, and the checks over the weeks
 * that follow. Callers hold the schedule row lock and write the audit entry.
 */
import { AppError } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { carryRotations } from './oncall/carry-rotation.js';
import { checkSchedule, defaultHorizonWeeks, WEEK_MS } from './oncall/checks.js';
import { normalizeDefinition, sameDefinition, type ScheduleDefinition } from './oncall/definition.js';
import { describeChange } from './oncall/describe-change.js';
import { loadTimeline } from './oncall.service.js';
import {
  insertVersion,
  requestHandoffCheck,
  selectVersions,
  updateScheduleRow,
  type ScheduleRow,
  type VersionRow,
} from './schedules.repo.js';
import type { Checks } from './schedules.schema.js';
import { loadPeople, localTime, participantWarnings, toChecks } from './schedules.view.js';

export interface SaveOptions {
  effectiveFrom?: Date | undefined;
  /** Restores copy a definition verbatim: no carrying over of rotations. */
  restoredFrom?: number;
}

export interface SavedVersion {
  schedule: ScheduleRow;
  version: VersionRow | null;
  warnings: string[];
}

/** Every participant must be a user; unknown ids fail the save. */
export async function requireParticipantsExist(ctx: Ctx, definition: ScheduleDefinition): Promise<void> {
  const missing: string[] = [];
  for (const id of new Set(definition.layers.flatMap((l) => l.participants)))
    if (!(await getUserRecord(ctx.db, id))) missing.push(id);
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `Invalid schedule: no user has the id ${missing.join(', ')}: list existing users as participants.`,
      {
        details: { missing },
      },
    );
  }
}

export function effectiveFromOf(ctx: Ctx, requested: Date | undefined): Date {
  const now = ctx.clock.now();
  if (!requested) return now;
  if (requested.getTime() < now.getTime()) {
    throw new AppError(
      'bad_request',
      `A change cannot take effect in the past (${requested.toISOString()}): the past stays as it was. Leave effectiveFrom out for "now".`,
    );
  }
  return requested;
}

/** Inserts the next version of `schedule` (locked by the caller); null when nothing would change. */
export async function saveVersion(
  ctx: Ctx,
  schedule: ScheduleRow,
  definition: ScheduleDefinition,
  options: SaveOptions = {},
): Promise<SavedVersion> {
  const effectiveFrom = effectiveFromOf(ctx, options.effectiveFrom);
  const at = effectiveFrom.getTime();
  const versions = await selectVersions(ctx.db, schedule.id);
  const previous = versions.filter((v) => v.effective_from.getTime() <= at).sort((a, b) => b.number - a.number)[0];
  const before = previous?.definition as ScheduleDefinition | undefined;
  const next = normalizeDefinition(
    options.restoredFrom === undefined ? carryRotations(before, definition, at) : definition,
  );
  const superseded = versions.filter((v) => v.effective_from.getTime() > at);
  if (options.restoredFrom === undefined && superseded.length === 0 && sameDefinition(before, next)) {
    return { schedule, version: null, warnings: [] };
  }
  await requireParticipantsExist(ctx, next);
  const people = await loadPeople(
    ctx.db,
    [...(before?.layers ?? []), ...next.layers].flatMap((l) => l.participants),
  );
  let summary = describeChange(before, next, at, people.nameOf);
  if (options.restoredFrom !== undefined)
    summary = `Restored version ${options.restoredFrom}: ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
  const now = ctx.clock.now();
  const number = (versions[0]?.number ?? 0) + 1;
  const { actor } = ctx;
  const version = await insertVersion(ctx.db, {
    id: newId(now),
    schedule_id: schedule.id,
    number,
    effective_from: effectiveFrom,
    definition: JSON.stringify(next),
    author_type: actor.type,
    author_id: actor.type === 'user' ? actor.userId : null,
    author_label: actor.label,
    summary,
    restored_from_version: options.restoredFrom ?? null,
    created_at: now,
  });
  const updated = await updateScheduleRow(ctx.db, schedule.id, { time_zone: next.timeZone, updated_at: now });
  await requestHandoffCheck(ctx.db, schedule.id, now);
  const warnings = superseded.map(
    (v) =>
      `This version replaces the change planned for ${localTime(v.effective_from.getTime(), next.timeZone)} (version ${v.number}): edit again to plan it anew`,
  );
  return { schedule: updated, version, warnings };
}

/** The checks over the horizon after `from` for the schedule as stored. */
export async function checksFor(
  ctx: Ctx,
  schedule: ScheduleRow,
  definition: ScheduleDefinition,
  from: Date,
  options: { weeks?: number; warnings?: string[] } = {},
): Promise<Checks> {
  const weeks = options.weeks ?? defaultHorizonWeeks(definition);
  const to = new Date(from.getTime() + weeks * WEEK_MS);
  const timeline = await loadTimeline(ctx.db, schedule.id, from, to);
  const checks = checkSchedule(timeline, from.getTime(), to.getTime());
  const people = await loadPeople(ctx.db, [
    ...checks.load.map((l) => l.userId),
    ...definition.layers.flatMap((l) => l.participants),
  ]);
  return toChecks(checks, people, definition.timeZone, [
    ...participantWarnings(definition, people),
    ...(options.warnings ?? []),
  ]);
}
