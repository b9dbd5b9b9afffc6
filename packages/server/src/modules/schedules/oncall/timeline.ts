/**
 * The one on-call calculator: from a schedule's versions and overrides, who
 * is on call at an instant and the final shifts over a range. Paging, the
 * API, the UI and the calendar feeds all ask these functions, so what people
 * see is who gets paged.
 *
 * Rules, in order:
 * 1. The version in effect at t is the highest-numbered one whose
 *    `effectiveFrom` is at or before t (a later edit supersedes a change
 *    planned for later; edits never reach back before they were made).
 * 2. Layers are listed bottom up; the highest layer that has someone on call
 *    at t (after its restrictions) decides who it is.
 * 3. Overrides active at t apply on top, oldest first, so the later-created
 *    one wins: add puts someone on call beside the others; replace takes the
 *    slot of one person (or of everyone, without a named person), including a
 *    slot that person holds by an earlier override; remove takes someone off.
 */
import { compileDefinition, type CompiledDefinition, type ScheduleDefinition } from './definition.js';
import { layerShifts, layerUserAt, type Interval, type LayerShift } from './layer.js';

export interface TimelineVersion {
  number: number;
  effectiveFrom: number;
  definition: ScheduleDefinition;
}

export type OverrideKind = 'add' | 'replace' | 'remove';

export interface TimelineOverride {
  id: string;
  kind: OverrideKind;
  /** add: who is added; replace: who takes the slot; remove: who is taken off. */
  userId: string;
  /** replace only: whose slot is taken; null = everyone on call. */
  replacesUserId: string | null;
  start: number;
  /** The end, or the moment the override was removed if earlier. */
  end: number;
  createdAt: number;
}

export interface ScheduleTimeline {
  versions: TimelineVersion[];
  overrides: TimelineOverride[];
}

/** A stretch of the final schedule with the same people on call (none = a gap). */
export interface Piece extends Interval {
  userIds: string[];
}

/** One person's continuous time on call. */
export interface FinalShift extends Interval {
  userId: string;
}

interface Holder {
  userId: string;
  /** Everyone whose slot this is, by earlier replacements. */
  chain: string[];
}

export function versionAt(versions: TimelineVersion[], t: number): TimelineVersion | undefined {
  let best: TimelineVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= t && (!best || v.number > best.number)) best = v;
  return best;
}

/** Which version is in effect over which part of [from, to). */
export function versionSegments(
  versions: TimelineVersion[],
  from: number,
  to: number,
): Array<Interval & { version: TimelineVersion | undefined }> {
  const starts = [...new Set(versions.map((v) => v.effectiveFrom).filter((t) => t > from && t < to))].sort(
    (a, b) => a - b,
  );
  const segments: Array<Interval & { version: TimelineVersion | undefined }> = [];
  let start = from;
  for (const boundary of [...starts, to]) {
    if (boundary <= start) continue;
    const version = versionAt(versions, start);
    const last = segments[segments.length - 1];
    if (last && last.version === version) last.end = boundary;
    else segments.push({ start, end: boundary, version });
    start = boundary;
  }
  return segments;
}

export const byCreation = (a: TimelineOverride, b: TimelineOverride): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function applyOverride(holders: Holder[], o: TimelineOverride): Holder[] {
  switch (o.kind) {
    case 'add':
      return holders.some((h) => h.userId === o.userId)
        ? holders
        : [...holders, { userId: o.userId, chain: [o.userId] }];
    case 'remove':
      return holders.filter((h) => h.userId !== o.userId);
    case 'replace': {
      const replaced = o.replacesUserId;
      const hit = (h: Holder) => replaced === null || h.userId === replaced || h.chain.includes(replaced);
      if (!holders.some(hit)) return holders;
      const chain = [...new Set([...holders.filter(hit).flatMap((h) => h.chain), o.userId])];
      const kept = holders.filter((h) => !hit(h));
      const existing = kept.find((h) => h.userId === o.userId);
      if (existing)
        return kept.map((h) =>
          h === existing ? { userId: h.userId, chain: [...new Set([...h.chain, ...chain])] } : h,
        );
      return [...kept, { userId: o.userId, chain }];
    }
  }
}

/** Applies the overrides (already sorted by creation) active over [a, a+…) to the layers' answer. */
function withOverrides(base: string | undefined, overrides: TimelineOverride[], t: number): string[] {
  let holders: Holder[] = base === undefined ? [] : [{ userId: base, chain: [base] }];
  for (const o of overrides) if (o.start <= t && t < o.end) holders = applyOverride(holders, o);
  return holders.map((h) => h.userId);
}

function topLayerUserAt(compiled: CompiledDefinition, t: number): string | undefined {
  for (let i = compiled.layers.length - 1; i >= 0; i--) {
    const userId = layerUserAt(compiled.layers[i]!, compiled.rules, t);
    if (userId !== undefined) return userId;
  }
  return undefined;
}

/** Who is on call at t (user ids, without duplicates). */
export function onCallAt(timeline: ScheduleTimeline, t: number): string[] {
  const version = versionAt(timeline.versions, t);
  const base = version ? topLayerUserAt(compileDefinition(version.definition), t) : undefined;
  const active = timeline.overrides.filter((o) => o.start <= t && t < o.end);
  if (active.length === 0) return base === undefined ? [] : [base];
  return withOverrides(base, active.sort(byCreation), t);
}

/** The final schedule over [from, to): consecutive pieces, gaps included as empty pieces. */
export function finalPieces(timeline: ScheduleTimeline, from: number, to: number): Piece[] {
  const pieces: Piece[] = [];
  const overrides = timeline.overrides.filter((o) => o.end > from && o.start < to).sort(byCreation);
  for (const segment of versionSegments(timeline.versions, from, to)) {
    const compiled = segment.version ? compileDefinition(segment.version.definition) : undefined;
    const lists: LayerShift[][] = compiled
      ? compiled.layers.map((l) => layerShifts(l, compiled.rules, segment.start, segment.end))
      : [];
    const inSegment = overrides.filter((o) => o.end > segment.start && o.start < segment.end);
    const cuts = new Set<number>([segment.start, segment.end]);
    for (const list of lists) for (const s of list) cuts.add(s.start).add(s.end);
    for (const o of inSegment) {
      if (o.start > segment.start) cuts.add(o.start);
      if (o.end < segment.end) cuts.add(o.end);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    const cursor = lists.map(() => 0);
    for (let c = 0; c + 1 < sorted.length; c++) {
      const a = sorted[c]!;
      const b = sorted[c + 1]!;
      let base: string | undefined;
      for (let i = lists.length - 1; i >= 0; i--) {
        const list = lists[i]!;
        while (cursor[i]! < list.length && list[cursor[i]!]!.end <= a) cursor[i]!++;
        const shift = list[cursor[i]!];
        if (base === undefined && shift && shift.start <= a) base = shift.userId;
      }
      const userIds = inSegment.length === 0 ? (base === undefined ? [] : [base]) : withOverrides(base, inSegment, a);
      const last = pieces[pieces.length - 1];
      if (last && last.end === a && sameSet(last.userIds, userIds)) last.end = b;
      else pieces.push({ start: a, end: b, userIds });
    }
  }
  return pieces;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Each person's continuous stretches on call, ascending by start then user id. */
export function shiftsOf(pieces: Piece[]): FinalShift[] {
  const open = new Map<string, number>();
  const shifts: FinalShift[] = [];
  let previousEnd: number | undefined;
  const close = (userId: string, end: number) => {
    shifts.push({ userId, start: open.get(userId)!, end });
    open.delete(userId);
  };
  for (const piece of pieces) {
    if (previousEnd !== undefined && piece.start !== previousEnd)
      for (const userId of [...open.keys()]) close(userId, previousEnd);
    for (const userId of [...open.keys()]) if (!piece.userIds.includes(userId)) close(userId, piece.start);
    for (const userId of piece.userIds) if (!open.has(userId)) open.set(userId, piece.start);
    previousEnd = piece.end;
  }
  if (previousEnd !== undefined) for (const userId of [...open.keys()]) close(userId, previousEnd);
  return shifts.sort((a, b) => a.start - b.start || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** The final shifts over [from, to), clipped to it. */
export function finalShifts(timeline: ScheduleTimeline, from: number, to: number): FinalShift[] {
  return shiftsOf(finalPieces(timeline, from, to));
}

/** Each layer's own shifts over [from, to) (restrictions applied, precedence not), by layer name. */
export function layerTimelines(
  timeline: ScheduleTimeline,
  from: number,
  to: number,
): Array<{ name: string; shifts: LayerShift[] }> {
  const byName = new Map<string, LayerShift[]>();
  for (const segment of versionSegments(timeline.versions, from, to)) {
    if (!segment.version) continue;
    const compiled = compileDefinition(segment.version.definition);
    for (const layer of compiled.layers) {
      const list = byName.get(layer.name) ?? [];
      list.push(...layerShifts(layer, compiled.rules, segment.start, segment.end));
      byName.set(layer.name, list);
    }
  }
  return [...byName].map(([name, shifts]) => ({ name, shifts }));
}
