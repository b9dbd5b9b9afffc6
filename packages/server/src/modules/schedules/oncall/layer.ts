/**
 * One layer on its own: who its rotation puts on call at an instant, and its
 * shifts over a range, restrictions applied. Pure arithmetic on wall-clock
 * milliseconds; the zone's transitions come from ZoneRules.
 */
import type { CompiledLayer, CompiledWindow } from './definition.js';
import { weekdayOf } from './definition.js';
import { DAY_MS, type ZoneRules } from './zone-rules.js';

/** A half-open stretch of time [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export interface LayerShift extends Interval {
  userId: string;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/** The turn (shift index) in effect at t, or -1 before the first shift (restrictions aside). */
export function turnAt(layer: CompiledLayer, rules: ZoneRules, t: number): number {
  if (layer.mode === 'elapsed')
    return t < layer.anchorInstant ? -1 : Math.floor((t - layer.anchorInstant) / layer.stepMs);
  const wall = rules.effectiveWallAt(t);
  return wall < layer.anchorWall ? -1 : Math.floor((wall - layer.anchorWall) / layer.stepMs);
}

/** The instant turn k begins. */
function turnStart(layer: CompiledLayer, rules: ZoneRules, k: number): number {
  return layer.mode === 'elapsed'
    ? layer.anchorInstant + k * layer.stepMs
    : rules.instantOf(layer.anchorWall + k * layer.stepMs);
}

function windowCovers(window: CompiledWindow, day: number, wall: number): boolean {
  if (window.days && !window.days[weekdayOf(day)]) return false;
  const start = day * DAY_MS + window.startMs;
  return wall >= start && wall < start + window.durationMs;
}

/** Whether the layer's restrictions let it be on call at t. */
export function isWithinRestrictions(layer: CompiledLayer, rules: ZoneRules, t: number): boolean {
  if (!layer.windows) return true;
  const wall = rules.effectiveWallAt(t);
  const day = Math.floor(wall / DAY_MS);
  for (const window of layer.windows) {
    if (windowCovers(window, day, wall) || windowCovers(window, day - 1, wall)) return true;
  }
  return false;
}

/** Who the layer puts on call at t, if anyone. */
export function layerUserAt(layer: CompiledLayer, rules: ZoneRules, t: number): string | undefined {
  const n = layer.participants.length;
  if (n === 0) return undefined;
  if (layer.windows && !isWithinRestrictions(layer, rules, t)) return undefined;
  const k = turnAt(layer, rules, t);
  return k < 0 ? undefined : layer.participants[mod(k + layer.offset, n)];
}

/** The rotation's turns overlapping [from, to), clipped to it, before restrictions. */
function rotationShifts(layer: CompiledLayer, rules: ZoneRules, from: number, to: number): LayerShift[] {
  const n = layer.participants.length;
  const shifts: LayerShift[] = [];
  if (n === 0 || from >= to) return shifts;
  let k = Math.max(0, turnAt(layer, rules, from));
  let start = turnStart(layer, rules, k);
  while (start < to) {
    const end = turnStart(layer, rules, k + 1);
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) shifts.push({ start: s, end: e, userId: layer.participants[mod(k + layer.offset, n)]! });
    k++;
    start = end;
  }
  return shifts;
}

/** The stretches within [from, to) that the restrictions allow, merged and ascending. */
export function restrictionIntervals(
  windows: CompiledWindow[],
  rules: ZoneRules,
  from: number,
  to: number,
): Interval[] {
  const raw: Interval[] = [];
  const firstDay = Math.floor(rules.wallAt(from) / DAY_MS) - 2;
  const lastDay = Math.floor(rules.wallAt(to) / DAY_MS) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const window of windows) {
      if (window.days && !window.days[weekdayOf(day)]) continue;
      const wallStart = day * DAY_MS + window.startMs;
      const start = Math.max(rules.instantOf(wallStart), from);
      const end = Math.min(rules.instantOf(wallStart + window.durationMs), to);
      if (end > start) raw.push({ start, end });
    }
  }
  raw.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of raw) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The layer's shifts within [from, to), clipped to it and to its restrictions. */
export function layerShifts(layer: CompiledLayer, rules: ZoneRules, from: number, to: number): LayerShift[] {
  const shifts = rotationShifts(layer, rules, from, to);
  if (!layer.windows || shifts.length === 0) return shifts;
  const allowed = restrictionIntervals(layer.windows, rules, from, to);
  const out: LayerShift[] = [];
  let j = 0;
  for (const shift of shifts) {
    while (j < allowed.length && allowed[j]!.end <= shift.start) j++;
    for (let i = j; i < allowed.length && allowed[i]!.start < shift.end; i++) {
      const s = Math.max(shift.start, allowed[i]!.start);
      const e = Math.min(shift.end, allowed[i]!.end);
      if (e > s) out.push({ start: s, end: e, userId: shift.userId });
    }
  }
  return out;
}
