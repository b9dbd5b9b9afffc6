/**
 * The readable diff of a schedule version: what changed in the definition
 * ("Primary: Carol joins") and what it does to people ("Alice's Tuesday
 * nights move to Bob from 1 Dec"), found by comparing who the layers put on
 * call before and after over the next weeks. Pure; names come in `nameOf`.
 */
import { DateTime } from 'luxon';
import type { LayerDefinition, RestrictionWindow, ScheduleDefinition } from './definition.js';
import { finalPieces, type Piece } from './timeline.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, ZoneRules } from './zone-rules.js';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const SHORT_DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
type Part = 'night' | 'morning' | 'afternoon' | 'evening';

export type NameOf = (userId: string) => string;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeShift(shift: LayerDefinition['shift']): string {
  if (shift.length === 1)
    return { minutes: 'every minute', hours: 'hourly', days: 'daily', weeks: 'weekly' }[shift.unit];
  return `every ${shift.length} ${shift.unit}`;
}

export function describeWindows(windows: RestrictionWindow[] | undefined): string {
  if (!windows || windows.length === 0) return 'all the time';
  return windows
    .map((w) => {
      const days =
        !w.days || w.days.length === 7
          ? ''
          : `${[...w.days]
              .sort()
              .map((d) => SHORT_DAYS[d])
              .join(',')} `;
      return `${days}${w.start}–${w.end}`;
    })
    .join(', ');
}

function describeLayer(layer: LayerDefinition, nameOf: NameOf): string {
  const who = layer.participants.map(nameOf).join(', ') || 'nobody';
  const only = layer.restrictions?.length ? `, only ${describeWindows(layer.restrictions)}` : '';
  return `${layer.name} (${who}; ${describeShift(layer.shift)}, hand-off ${layer.handoffTime} from ${layer.startDate}${only})`;
}

function participantChanges(before: string[], after: string[], nameOf: NameOf): string[] {
  const joined = after.filter((id) => !before.includes(id));
  const left = before.filter((id) => !after.includes(id));
  const out: string[] = [];
  if (joined.length) out.push(`${joined.map(nameOf).join(', ')} ${joined.length === 1 ? 'joins' : 'join'}`);
  if (left.length) out.push(`${left.map(nameOf).join(', ')} ${left.length === 1 ? 'leaves' : 'leave'}`);
  const kept = (list: string[]) => list.filter((id) => before.includes(id) && after.includes(id)).join();
  if (out.length === 0 && before.join() !== after.join()) out.push(`new order ${after.map(nameOf).join(', ')}`);
  else if (kept(before) !== kept(after)) out.push('order changed');
  return out;
}

/** What changed in the definition itself, one phrase per change. */
export function definitionChanges(
  before: ScheduleDefinition | undefined,
  after: ScheduleDefinition,
  nameOf: NameOf,
): string[] {
  if (!before)
    return [
      `Created with ${plural(after.layers.length, 'layer')}: ${after.layers.map((l) => describeLayer(l, nameOf)).join('; ')}`,
    ];
  const out: string[] = [];
  if (before.timeZone !== after.timeZone) out.push(`time zone ${before.timeZone} → ${after.timeZone}`);
  const old = new Map(before.layers.map((l) => [l.name, l]));
  for (const layer of after.layers) {
    const prev = old.get(layer.name);
    if (!prev) {
      out.push(`added layer ${describeLayer(layer, nameOf)}`);
      continue;
    }
    const changes = participantChanges(prev.participants, layer.participants, nameOf);
    if (describeShift(prev.shift) !== describeShift(layer.shift))
      changes.push(`shifts ${describeShift(prev.shift)} → ${describeShift(layer.shift)}`);
    if (prev.handoffTime !== layer.handoffTime) changes.push(`hand-off ${prev.handoffTime} → ${layer.handoffTime}`);
    if (prev.startDate !== layer.startDate) changes.push(`start ${prev.startDate} → ${layer.startDate}`);
    if (describeWindows(prev.restrictions) !== describeWindows(layer.restrictions)) {
      changes.push(`on call ${describeWindows(prev.restrictions)} → ${describeWindows(layer.restrictions)}`);
    }
    if ((prev.rotationOffset ?? 0) !== (layer.rotationOffset ?? 0) && changes.length === 0) changes.push('turns moved');
    if (changes.length) out.push(`${layer.name}: ${changes.join(', ')}`);
  }
  for (const layer of before.layers)
    if (!after.layers.some((l) => l.name === layer.name)) out.push(`removed layer ${layer.name}`);
  const order = (d: ScheduleDefinition) =>
    d.layers
      .map((l) => l.name)
      .filter((n) => old.has(n) && after.layers.some((l) => l.name === n))
      .join();
  if (order(before) !== order(after)) out.push(`layer order ${after.layers.map((l) => l.name).join(' < ')}`);
  return out;
}

interface Move {
  from: string | null;
  to: string | null;
  first: number;
  totalMs: number;
  /** The stretches that move, merged when they touch. */
  intervals: Array<{ start: number; end: number }>;
  /** "weekday:part" → ms */
  buckets: Map<string, number>;
}

function partOf(hour: number): Part {
  if (hour < 6 || hour >= 22) return 'night';
  if (hour < 12) return 'morning';
  return hour < 18 ? 'afternoon' : 'evening';
}

function addBuckets(move: Move, start: number, end: number, rules: ZoneRules): void {
  for (let t = start; t < end; t += 15 * MINUTE_MS) {
    const wall = rules.effectiveWallAt(t);
    const hour = Math.floor((wall % DAY_MS) / HOUR_MS);
    // A night belongs to the day it began: 02:00 on Wednesday is Tuesday night.
    const day = Math.floor(wall / DAY_MS) - (hour < 6 ? 1 : 0);
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    const key = `${weekday}:${partOf(hour)}`;
    const ms = Math.min(15 * MINUTE_MS, end - t);
    move.buckets.set(key, (move.buckets.get(key) ?? 0) + ms);
  }
}

/** A phrase for a recognisable pattern ("Tuesday nights", "weekends"), or undefined. */
function patternOf(move: Move): string | undefined {
  const significant = [...move.buckets].filter(([, ms]) => ms >= move.totalMs / 10).map(([k]) => k.split(':'));
  const days = new Set(significant.map(([d]) => Number(d)));
  const parts = new Set(significant.map(([, p]) => p as Part));
  const [part] = parts;
  const dayList = [...days].sort();
  const isWeekend = dayList.join() === '6,7';
  const isWeekdays = dayList.join() === '1,2,3,4,5';
  if (days.size === 1 && parts.size === 1) return `${WEEKDAYS[dayList[0]!]} ${part}s`;
  if (days.size === 1) return `${WEEKDAYS[dayList[0]!]}s`;
  if (parts.size === 1 && isWeekend) return `weekend ${part}s`;
  if (parts.size === 1 && isWeekdays) return `weekday ${part}s`;
  if (parts.size === 1) return `${part}s`;
  if (isWeekend) return 'weekends';
  if (isWeekdays) return 'weekdays';
  return undefined;
}

function when(ms: number, zone: string, format: string): string {
  return DateTime.fromMillis(ms, { zone, locale: 'en-GB' }).toFormat(format);
}

function sentence(m: Move, zone: string, nameOf: NameOf): string {
  const from = `from ${when(m.first, zone, 'd LLL')}`;
  const pattern = m.intervals.length > 1 || m.totalMs < DAY_MS ? patternOf(m) : undefined;
  const single = m.intervals.length === 1 ? m.intervals[0]! : undefined;
  const span =
    single && `${when(single.start, zone, 'ccc d LLL HH:mm')} – ${when(single.end, zone, 'ccc d LLL HH:mm')}`;
  const hours = `${Math.round(m.totalMs / HOUR_MS)} h`;
  if (m.from && m.to) {
    if (pattern) return `${possessive(nameOf(m.from))} ${pattern} move to ${nameOf(m.to)} ${from}`;
    if (span) return `${possessive(nameOf(m.from))} shift ${span} moves to ${nameOf(m.to)}`;
    return `${hours} of ${possessive(nameOf(m.from))} shifts move to ${nameOf(m.to)} ${from}`;
  }
  if (m.from) {
    if (pattern) return `${possessive(nameOf(m.from))} ${pattern} are no longer covered ${from}`;
    if (span) return `${possessive(nameOf(m.from))} shift ${span} is no longer covered`;
    return `${hours} of ${possessive(nameOf(m.from))} shifts are no longer covered ${from}`;
  }
  if (pattern) return `${nameOf(m.to!)} now covers ${pattern} ${from}`;
  if (span) return `${nameOf(m.to!)} now covers ${span}`;
  return `${nameOf(m.to!)} now covers ${hours} ${from}`;
}

function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** What a change does to people over [from, to): who loses which shifts to whom, from when. */
export function effectChanges(
  before: ScheduleDefinition | undefined,
  after: ScheduleDefinition,
  from: number,
  to: number,
  nameOf: NameOf,
  limit = 3,
): string[] {
  if (!before) return [];
  const one = (definition: ScheduleDefinition): Piece[] =>
    finalPieces({ versions: [{ number: 1, effectiveFrom: from, definition }], overrides: [] }, from, to);
  const a = one(before);
  const b = one(after);
  const rules = ZoneRules.of(after.timeZone);
  const moves = new Map<string, Move>();
  const cuts = [...new Set([...a, ...b].flatMap((p) => [p.start, p.end]))].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const start = cuts[c]!;
    const end = cuts[c + 1]!;
    while (a[i] && a[i]!.end <= start) i++;
    while (b[j] && b[j]!.end <= start) j++;
    const was = a[i]?.userIds ?? [];
    const now = b[j]?.userIds ?? [];
    const lost = was.filter((u) => !now.includes(u));
    const gained = now.filter((u) => !was.includes(u));
    if (lost.length === 0 && gained.length === 0) continue;
    const pairs: Array<[string | null, string | null]> =
      lost.length === 1 && gained.length === 1
        ? [[lost[0]!, gained[0]!]]
        : [
            ...lost.map((u): [string | null, string | null] => [u, null]),
            ...gained.map((u): [string | null, string | null] => [null, u]),
          ];
    for (const [x, y] of pairs) {
      const key = `${x}>${y}`;
      const move: Move = moves.get(key) ?? {
        from: x,
        to: y,
        first: start,
        totalMs: 0,
        buckets: new Map(),
        intervals: [],
      };
      move.totalMs += end - start;
      const last = move.intervals[move.intervals.length - 1];
      if (last && last.end === start) last.end = end;
      else move.intervals.push({ start, end });
      addBuckets(move, start, end, rules);
      moves.set(key, move);
    }
  }
  const sorted = [...moves.values()].filter((m) => m.totalMs >= 15 * MINUTE_MS).sort((x, y) => y.totalMs - x.totalMs);
  const sentences = sorted.slice(0, limit).map((m) => sentence(m, after.timeZone, nameOf));
  if (sorted.length > limit) sentences.push(`and ${plural(sorted.length - limit, 'more change')}`);
  return sentences;
}

/** The version summary: definition changes, then their effect on people. */
export function describeChange(
  before: ScheduleDefinition | undefined,
  after: ScheduleDefinition,
  effectiveFrom: number,
  nameOf: NameOf,
  horizonMs = 4 * 7 * DAY_MS,
): string {
  const parts = [
    ...definitionChanges(before, after, nameOf),
    ...effectChanges(before, after, effectiveFrom, effectiveFrom + horizonMs, nameOf),
  ];
  if (parts.length === 0) return 'No change to who is on call';
  const text = parts.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
