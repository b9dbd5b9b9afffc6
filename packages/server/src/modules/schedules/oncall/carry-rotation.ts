/**
 * Keeping a rotation's place when its participants change. Adding or removing
 * someone would otherwise reshuffle every turn from the start date, handing
 * the current shift to someone else mid-shift. Instead, when a layer keeps its
 * shift length, hand-off time and start date and only its participants
 * change, the turn in progress stays with the person on it (or, if they left,
 * goes to whoever was next in line), and the new order follows from there.
 * A layer sent without `rotationOffset` keeps the one it had.
 */
import { compileLayer, type LayerDefinition, type ScheduleDefinition } from './definition.js';
import { turnAt } from './layer.js';
import { ZoneRules } from './zone-rules.js';

const mod = (a: number, n: number): number => ((a % n) + n) % n;

function sameRotation(a: LayerDefinition, b: LayerDefinition): boolean {
  return (
    a.shift.length === b.shift.length &&
    a.shift.unit === b.shift.unit &&
    a.handoffTime === b.handoffTime &&
    a.startDate === b.startDate
  );
}

function carryLayer(
  prev: LayerDefinition,
  next: LayerDefinition,
  prevZone: string,
  nextZone: string,
  at: number,
): LayerDefinition {
  const n = next.participants.length;
  if (!sameRotation(prev, next)) return next;
  // An offset different from the previous one was chosen on purpose; keep it.
  if (next.rotationOffset !== undefined && next.rotationOffset !== (prev.rotationOffset ?? 0)) return next;
  if (prev.participants.join() === next.participants.join()) {
    return prev.rotationOffset ? { ...next, rotationOffset: prev.rotationOffset } : next;
  }
  if (n === 0 || prev.participants.length === 0) return next;
  const prevRules = ZoneRules.of(prevZone);
  const nextRules = ZoneRules.of(nextZone);
  const prevTurn = turnAt(compileLayer(prev, prevRules), prevRules, at);
  const nextTurn = turnAt(compileLayer(next, nextRules), nextRules, at);
  if (prevTurn < 0 || nextTurn < 0) return next;
  const m = prev.participants.length;
  const prevOffset = mod(prev.rotationOffset ?? 0, m);
  // The person on the turn in progress, then whoever follows, until one is still in the rotation.
  for (let step = 0; step < m; step++) {
    const candidate = prev.participants[mod(prevTurn + prevOffset + step, m)]!;
    const index = next.participants.indexOf(candidate);
    if (index >= 0) return { ...next, rotationOffset: mod(index - nextTurn, n) };
  }
  return next;
}

/** `next` with each layer's rotation offset set so that the turn in progress at `at` carries on. */
export function carryRotations(
  prev: ScheduleDefinition | undefined,
  next: ScheduleDefinition,
  at: number,
): ScheduleDefinition {
  if (!prev) return next;
  const byName = new Map(prev.layers.map((l) => [l.name, l]));
  return {
    ...next,
    layers: next.layers.map((layer) => {
      const before = byName.get(layer.name);
      return before ? carryLayer(before, layer, prev.timeZone, next.timeZone, at) : layer;
    }),
  };
}
