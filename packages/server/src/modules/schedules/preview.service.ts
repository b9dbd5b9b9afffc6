/**
 * Reading a schedule over time, and previewing a change before saving it:
 * the final shifts, each layer's shifts, who would be on call at an instant,
 * the readable diff and the checks, for a definition that is not stored.
 */
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { DefinitionSchema } from './definition.schema.js';
import { carryRotations } from './oncall/carry-rotation.js';
import { checkSchedule, defaultHorizonWeeks, WEEK_MS } from './oncall/checks.js';
import { normalizeDefinition, type ScheduleDefinition } from './oncall/definition.js';
import { describeChange } from './oncall/describe-change.js';
import { finalShifts, layerTimelines, onCallAt, versionAt, type ScheduleTimeline } from './oncall/timeline.js';
import { loadTimeline } from './oncall.service.js';
import { rangeOf } from './range.js';
import type { Checks, PreviewInput, PreviewResult, RangeQuery, Shift } from './schedules.schema.js';
import { requireScheduleRow } from './schedules.service.js';
import { iso, loadPeople, onCallUser, participantWarnings, toChecks, toShifts, type People } from './schedules.view.js';
import { checksFor, effectiveFromOf } from './version-save.js';

/** A preview of a schedule that does not exist yet applies at every instant. */
const ALWAYS = -8.64e15;

function layerViews(timeline: ScheduleTimeline, from: Date, to: Date, people: People) {
  return layerTimelines(timeline, from.getTime(), to.getTime()).map((layer) => ({
    name: layer.name,
    shifts: toShifts(layer.shifts, people),
  }));
}

/** The final shifts, each layer's shifts and the overrides' effect over a range. */
export async function getTimeline(
  ctx: Ctx,
  idOrName: string,
  query: RangeQuery,
): Promise<{ from: string; to: string; shifts: Shift[]; layers: Array<{ name: string; shifts: Shift[] }> }> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, idOrName);
  const { from, to } = rangeOf(ctx.clock.now(), query);
  const timeline = await loadTimeline(ctx.db, schedule.id, from, to);
  const shifts = finalShifts(timeline, from.getTime(), to.getTime());
  const people = await loadPeople(ctx.db, [
    ...shifts.map((s) => s.userId),
    ...timeline.versions.flatMap((v) => v.definition.layers.flatMap((l) => l.participants)),
  ]);
  return {
    from: iso(from),
    to: iso(to),
    shifts: toShifts(shifts, people),
    layers: layerViews(timeline, from, to, people),
  };
}

/** The final shifts over a range: the JSON export. */
export async function getShifts(ctx: Ctx, idOrName: string, query: RangeQuery): Promise<Shift[]> {
  return (await getTimeline(ctx, idOrName, query)).shifts;
}

/** The checks for the schedule as it stands, from now over `weeks`. */
export async function getChecks(ctx: Ctx, idOrName: string, weeks?: number): Promise<Checks> {
  requireRole(ctx.actor, 'viewer', 'read schedules');
  const schedule = await requireScheduleRow(ctx.db, idOrName);
  const now = ctx.clock.now();
  const current = versionAt(
    (await loadTimeline(ctx.db, schedule.id, now, new Date(now.getTime() + 1))).versions,
    now.getTime(),
  );
  const definition = current?.definition ?? { timeZone: schedule.time_zone, layers: [] };
  return checksFor(ctx, schedule, definition, now, weeks === undefined ? {} : { weeks });
}

/** Who would be on call, and what the checks say, if `input` were saved; nothing is stored. */
export async function previewSchedule(ctx: Ctx, input: PreviewInput): Promise<PreviewResult> {
  requireRole(ctx.actor, 'viewer', 'preview schedules');
  const proposed = normalizeDefinition(DefinitionSchema.parse({ timeZone: input.timeZone, layers: input.layers }));
  const now = ctx.clock.now();
  const effectiveFrom = effectiveFromOf(ctx, input.effectiveFrom ? new Date(input.effectiveFrom) : undefined);
  const weeks = defaultHorizonWeeks(proposed);
  const horizonEnd = new Date(effectiveFrom.getTime() + weeks * WEEK_MS);
  const { from, to } = rangeOf(now, { from: input.from ?? input.at ?? effectiveFrom.toISOString(), to: input.to });
  const at = input.at ? new Date(input.at) : null;
  const span = {
    from: new Date(Math.min(from.getTime(), effectiveFrom.getTime(), at?.getTime() ?? Infinity)),
    to: new Date(Math.max(to.getTime(), horizonEnd.getTime(), (at?.getTime() ?? 0) + 1)),
  };

  let timeline: ScheduleTimeline;
  let current: ScheduleDefinition | undefined;
  let candidate = proposed;
  if (input.scheduleId) {
    const schedule = await requireScheduleRow(ctx.db, input.scheduleId);
    const stored = await loadTimeline(ctx.db, schedule.id, span.from, span.to);
    current = versionAt(stored.versions, effectiveFrom.getTime())?.definition;
    const number = Math.max(0, ...stored.versions.map((v) => v.number)) + 1;
    candidate = normalizeDefinition(carryRotations(current, proposed, effectiveFrom.getTime()));
    timeline = {
      versions: [...stored.versions, { number, effectiveFrom: effectiveFrom.getTime(), definition: candidate }],
      overrides: stored.overrides,
    };
  } else {
    timeline = { versions: [{ number: 1, effectiveFrom: ALWAYS, definition: proposed }], overrides: [] };
  }

  const shifts = finalShifts(timeline, from.getTime(), to.getTime());
  const checks = checkSchedule(timeline, effectiveFrom.getTime(), horizonEnd.getTime());
  const ids = [
    ...proposed.layers.flatMap((l) => l.participants),
    ...(current?.layers.flatMap((l) => l.participants) ?? []),
    ...shifts.map((s) => s.userId),
    ...checks.load.map((l) => l.userId),
  ];
  const onCallIds = at ? onCallAt(timeline, at.getTime()) : null;
  const people = await loadPeople(ctx.db, [...ids, ...(onCallIds ?? [])]);
  return {
    at: at ? iso(at) : null,
    onCallAt: onCallIds ? onCallIds.map((id) => onCallUser(people.get(id))) : null,
    from: iso(from),
    to: iso(to),
    shifts: toShifts(shifts, people),
    layers: layerViews(timeline, from, to, people),
    summary: describeChange(current, candidate, effectiveFrom.getTime(), people.nameOf),
    checks: toChecks(checks, people, proposed.timeZone, participantWarnings(proposed, people)),
  };
}
