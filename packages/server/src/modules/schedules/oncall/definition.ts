/**
 * What a schedule version says, as stored (readable strings), and the
 * compiled form the calculator works on (milliseconds of wall-clock time).
 * Compiling is pure and cheap; it happens each time a version is evaluated.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, ZoneRules } from './zone-rules.js';

export type ShiftUnit = 'minutes' | 'hours' | 'days' | 'weeks';

/**
 * A window of the day in which a layer is on call. `days` (ISO weekdays,
 * 1 = Monday … 7 = Sunday) are the days the window starts on; without them,
 * every day. An end at or before the start ends the next day; an end equal to
 * the start makes the window a whole day.
 */
export interface RestrictionWindow {
  days?: number[];
  start: string;
  end: string;
}

/** One rotation: participants take turns, each for one shift. */
export interface LayerDefinition {
  name: string;
  /** User ids in turn order; someone may appear more than once. */
  participants: string[];
  shift: { length: number; unit: ShiftUnit };
  /** Local time ("HH:MM") at which a shift hands over. */
  handoffTime: string;
  /** Local date ("YYYY-MM-DD") of the first shift, which the first participant takes. */
  startDate: string;
  restrictions?: RestrictionWindow[];
  /** Turns already taken before the first shift: shift k goes to participants[(k + offset) % n]. */
  rotationOffset?: number;
}

/** A schedule as one version defines it. Layers are listed bottom up: a later layer wins where it has someone on call. */
export interface ScheduleDefinition {
  timeZone: string;
  layers: LayerDefinition[];
}

export interface CompiledWindow {
  /** Index 1..7 (ISO weekday) → starts on that day; null = every day. */
  days: boolean[] | null;
  startMs: number;
  durationMs: number;
}

export interface CompiledLayer {
  name: string;
  participants: string[];
  offset: number;
  /**
   * 'wall': shifts hand over at the same wall-clock time (days, weeks, and
   * hour lengths that divide a day), so a day across a DST change is 23 or 25
   * hours. 'elapsed': shifts last exactly their length (other hour and minute
   * lengths).
   */
  mode: 'wall' | 'elapsed';
  /** Wall reading of the first hand-off. */
  anchorWall: number;
  /** Instant of the first hand-off. */
  anchorInstant: number;
  stepMs: number;
  windows: CompiledWindow[] | null;
}

export interface CompiledDefinition {
  rules: ZoneRules;
  layers: CompiledLayer[];
}

/** "HH:MM" → minutes after midnight (24:00 is not accepted; schemas check the format). */
export function minutesOfTime(hhmm: string): number {
  const h = Number(hhmm.slice(0, 2));
  const m = Number(hhmm.slice(3, 5));
  return h * 60 + m;
}

/** "YYYY-MM-DD" → days since 1970-01-01. */
export function dayNumberOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** ISO weekday (1 = Monday) of a day number. */
export const weekdayOf = (dayNumber: number): number => ((((dayNumber + 3) % 7) + 7) % 7) + 1;

const UNIT_MS: Record<ShiftUnit, number> = { minutes: MINUTE_MS, hours: HOUR_MS, days: DAY_MS, weeks: 7 * DAY_MS };

export function shiftMs(shift: LayerDefinition['shift']): number {
  return shift.length * UNIT_MS[shift.unit];
}

function isWallClockShift(shift: LayerDefinition['shift']): boolean {
  if (shift.unit === 'days' || shift.unit === 'weeks') return true;
  return shift.unit === 'hours' && 24 % shift.length === 0;
}

export function compileWindow(window: RestrictionWindow): CompiledWindow {
  const start = minutesOfTime(window.start);
  const end = minutesOfTime(window.end);
  let days: boolean[] | null = null;
  if (window.days && window.days.length < 7) {
    days = new Array<boolean>(8).fill(false);
    for (const d of window.days) days[d] = true;
  }
  const durationMinutes = end > start ? end - start : end + 1440 - start;
  return { days, startMs: start * MINUTE_MS, durationMs: durationMinutes * MINUTE_MS };
}

export function compileLayer(layer: LayerDefinition, rules: ZoneRules): CompiledLayer {
  const anchorWall = dayNumberOf(layer.startDate) * DAY_MS + minutesOfTime(layer.handoffTime) * MINUTE_MS;
  const n = layer.participants.length;
  return {
    name: layer.name,
    participants: layer.participants,
    offset: n === 0 ? 0 : (((layer.rotationOffset ?? 0) % n) + n) % n,
    mode: isWallClockShift(layer.shift) ? 'wall' : 'elapsed',
    anchorWall,
    anchorInstant: rules.instantOf(anchorWall),
    stepMs: shiftMs(layer.shift),
    windows: layer.restrictions && layer.restrictions.length > 0 ? layer.restrictions.map(compileWindow) : null,
  };
}

export function compileDefinition(definition: ScheduleDefinition): CompiledDefinition {
  const rules = ZoneRules.of(definition.timeZone);
  return { rules, layers: definition.layers.map((layer) => compileLayer(layer, rules)) };
}

/**
 * The canonical form of a definition: fixed key order, sorted weekdays, no
 * empty restrictions, no zero offset. Versions are stored in it, so two
 * definitions that mean the same are equal as JSON.
 */
export function normalizeDefinition(definition: ScheduleDefinition): ScheduleDefinition {
  return {
    timeZone: definition.timeZone,
    layers: definition.layers.map((layer) => {
      const restrictions = (layer.restrictions ?? []).map((w) => ({
        ...(w.days && w.days.length < 7 && { days: [...new Set(w.days)].sort((a, b) => a - b) }),
        start: w.start,
        end: w.end,
      }));
      const n = layer.participants.length;
      const offset = n === 0 ? 0 : (((layer.rotationOffset ?? 0) % n) + n) % n;
      return {
        name: layer.name,
        participants: [...layer.participants],
        shift: { length: layer.shift.length, unit: layer.shift.unit },
        handoffTime: layer.handoffTime,
        startDate: layer.startDate,
        ...(restrictions.length > 0 && { restrictions }),
        ...(offset !== 0 && { rotationOffset: offset }),
      };
    }),
  };
}

export function sameDefinition(a: ScheduleDefinition | undefined, b: ScheduleDefinition | undefined): boolean {
  if (!a || !b) return a === b;
  return JSON.stringify(normalizeDefinition(a)) === JSON.stringify(normalizeDefinition(b));
}
