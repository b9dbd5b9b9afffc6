/**
 * Checks on a schedule over a horizon, shown on save and in previews: gaps in
 * coverage, people claimed twice at once (by two layers, or a layer and an
 * override), and the load per person (hours, night hours, weekend hours) with
 * a warning when it is uneven. Pure: names come in through `nameOf`.
 */
import { compileDefinition, compileWindow, type ScheduleDefinition } from './definition.js';
import { layerShifts, restrictionIntervals, type Interval, type LayerShift } from './layer.js';
import {
  byCreation,
  finalPieces,
  shiftsOf,
  versionSegments,
  type FinalShift,
  type ScheduleTimeline,
} from './timeline.js';
import { HOUR_MS, ZoneRules } from './zone-rules.js';

export const WEEK_MS = 7 * 24 * HOUR_MS;

export interface DoubleBooking extends Interval {
  userId: string;
  /** What claims the person: `layer "Primary"`, `override <id>`. */
  sources: string[];
}

export interface PersonLoad {
  userId: string;
  hours: number;
  nightHours: number;
  weekendHours: number;
}

export interface ScheduleChecks {
  from: number;
  to: number;
  gaps: Interval[];
  doubleBookings: DoubleBooking[];
  load: PersonLoad[];
  /** Which load figures differ by more than a quarter of the average (and 8 hours). */
  unevenLoad: Array<'hours' | 'nightHours' | 'weekendHours'>;
}

/** Nights are 22:00–06:00 and weekends Saturday 00:00 to Monday 00:00, in the schedule's zone. */
const NIGHTS = [compileWindow({ start: '22:00', end: '06:00' })];
const WEEKENDS = [compileWindow({ days: [6, 7], start: '00:00', end: '00:00' })];

const MIN_WEEKS = 4;
const MAX_WEEKS = 26;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number): number => (a / gcd(a, b)) * b;

/**
 * A horizon of whole rotations: the load is fair only if every layer's cycle
 * (participants × shift) comes round a whole number of times, or a fair
 * 3-person weekly rotation looks uneven over 4 weeks. So: the smallest
 * whole number of weeks, at least 4, that is a multiple of every cycle; when
 * that is past 26 weeks, the old rule (the longest cycle, 4 to 26 weeks).
 */
export function defaultHorizonWeeks(definition: ScheduleDefinition): number {
  const cycles = compileDefinition(definition).layers.map((layer) =>
    Math.max(1, Math.round((layer.participants.length * layer.stepMs) / HOUR_MS)),
  );
  const weekHours = WEEK_MS / HOUR_MS;
  const period = cycles.reduce((acc, cycle) => lcm(acc, cycle), weekHours);
  const periodWeeks = period / weekHours;
  if (periodWeeks <= MAX_WEEKS) return periodWeeks * Math.ceil(MIN_WEEKS / periodWeeks);
  const longest = Math.max(...cycles) * HOUR_MS;
  return Math.min(MAX_WEEKS, Math.max(MIN_WEEKS, Math.ceil(longest / WEEK_MS)));
}

function overlapMs(intervals: Interval[], windows: Interval[]): number {
  let total = 0;
  for (const a of intervals)
    for (const b of windows) total += Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  return total;
}

const round1 = (ms: number): number => Math.round((ms / HOUR_MS) * 10) / 10;

function loadOf(shifts: FinalShift[], participants: string[], zone: string, from: number, to: number): PersonLoad[] {
  const rules = ZoneRules.of(zone);
  const nights = restrictionIntervals(NIGHTS, rules, from, to);
  const weekends = restrictionIntervals(WEEKENDS, rules, from, to);
  const people = [...new Set([...participants, ...shifts.map((s) => s.userId)])];
  return people.map((userId) => {
    const own = shifts.filter((s) => s.userId === userId);
    return {
      userId,
      hours: round1(own.reduce((sum, s) => sum + s.end - s.start, 0)),
      nightHours: round1(overlapMs(own, nights)),
      weekendHours: round1(overlapMs(own, weekends)),
    };
  });
}

function unevenFigures(load: PersonLoad[]): ScheduleChecks['unevenLoad'] {
  if (load.length < 2) return [];
  return (['hours', 'nightHours', 'weekendHours'] as const).filter((key) => {
    const values = load.map((l) => l[key]);
    const spread = Math.max(...values) - Math.min(...values);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return spread >= 8 && spread > mean / 4;
  });
}

function doubleBookings(timeline: ScheduleTimeline, from: number, to: number): DoubleBooking[] {
  const found: DoubleBooking[] = [];
  const claiming = timeline.overrides
    .filter((o) => o.kind !== 'remove' && o.end > from && o.start < to)
    .sort(byCreation);
  for (const segment of versionSegments(timeline.versions, from, to)) {
    const compiled = segment.version ? compileDefinition(segment.version.definition) : undefined;
    const lists: Array<{ source: string; shifts: LayerShift[] }> = (compiled?.layers ?? []).map((l) => ({
      source: `layer "${l.name}"`,
      shifts: layerShifts(l, compiled!.rules, segment.start, segment.end),
    }));
    const cuts = new Set<number>([segment.start, segment.end]);
    for (const list of lists) for (const s of list.shifts) cuts.add(s.start).add(s.end);
    for (const o of claiming) for (const t of [o.start, o.end]) if (t > segment.start && t < segment.end) cuts.add(t);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let c = 0; c + 1 < sorted.length; c++) {
      const a = sorted[c]!;
      const b = sorted[c + 1]!;
      const sources = new Map<string, string[]>();
      const claim = (userId: string, source: string) => sources.set(userId, [...(sources.get(userId) ?? []), source]);
      for (const list of lists) {
        const shift = list.shifts.find((s) => s.start <= a && a < s.end);
        if (shift) claim(shift.userId, list.source);
      }
      for (const o of claiming) if (o.start <= a && a < o.end) claim(o.userId, `override ${o.id}`);
      for (const [userId, list] of sources) {
        if (list.length < 2) continue;
        const last = found.findLast((d) => d.userId === userId);
        if (last && last.end === a && last.sources.join() === list.join()) last.end = b;
        else found.push({ userId, start: a, end: b, sources: list });
      }
    }
  }
  return found.sort((x, y) => x.start - y.start);
}

/** All checks over [from, to) of a timeline. */
export function checkSchedule(timeline: ScheduleTimeline, from: number, to: number): ScheduleChecks {
  const pieces = finalPieces(timeline, from, to);
  const gaps = pieces.filter((p) => p.userIds.length === 0).map(({ start, end }) => ({ start, end }));
  const latest = timeline.versions.reduce<ScheduleTimeline['versions'][number] | undefined>(
    (best, v) => (v.effectiveFrom < to && (!best || v.number > best.number) ? v : best),
    undefined,
  );
  const participants = [...new Set(latest?.definition.layers.flatMap((l) => l.participants) ?? [])];
  const load = loadOf(shiftsOf(pieces), participants, latest?.definition.timeZone ?? 'UTC', from, to);
  return { from, to, gaps, doubleBookings: doubleBookings(timeline, from, to), load, unevenLoad: unevenFigures(load) };
}
