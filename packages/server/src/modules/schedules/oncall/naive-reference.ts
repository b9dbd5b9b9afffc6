/**
 * The slow, obviously-right oracle for the calculator: it walks time minute by
 * minute, asks luxon for each minute's wall clock, keeps the latest reading
 * reached ("time never goes back"), and reads the rules literally. The
 * property tests and the benchmark compare the fast calculator against it.
 * Never used to answer a real question.
 */
import { DateTime } from 'luxon';
import type { ScheduleDefinition } from './definition.js';
import type { ScheduleTimeline, TimelineOverride } from './timeline.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const luxonWall = (zone: string, t: number): number => t + DateTime.fromMillis(t, { zone }).offset * MINUTE;

function parseMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function firstInstantWithWall(zone: string, wall: number): number {
  for (let t = Math.floor((wall - 15 * 3_600_000) / MINUTE) * MINUTE; ; t += MINUTE)
    if (luxonWall(zone, t) >= wall) return t;
}

interface Evaluation {
  /** Per zone, the latest wall reading reached by the current minute. */
  latestWall: Map<string, number>;
  anchors: Map<string, number>;
}

function layerUser(def: ScheduleDefinition, index: number, t: number, ev: Evaluation): string | undefined {
  const layer = def.layers[index]!;
  const n = layer.participants.length;
  if (n === 0) return undefined;
  const wall = ev.latestWall.get(def.timeZone)!;
  if (layer.restrictions && layer.restrictions.length > 0) {
    const today = Math.floor(wall / DAY);
    const inside = layer.restrictions.some((w) =>
      [today - 1, today].some((day) => {
        const jsDay = new Date(day * DAY).getUTCDay();
        if (w.days && !w.days.includes(jsDay === 0 ? 7 : jsDay)) return false;
        const start = parseMinutes(w.start);
        const end = parseMinutes(w.end);
        const from = day * DAY + start * MINUTE;
        const length = (end > start ? end - start : end + 1440 - start) * MINUTE;
        return wall >= from && wall < from + length;
      }),
    );
    if (!inside) return undefined;
  }
  const [y, mo, d] = layer.startDate.split('-').map(Number);
  const anchorWall = Date.UTC(y!, mo! - 1, d!) + parseMinutes(layer.handoffTime) * MINUTE;
  const unitMs = { minutes: MINUTE, hours: 3_600_000, days: DAY, weeks: 7 * DAY }[layer.shift.unit];
  const step = layer.shift.length * unitMs;
  const byWallClock =
    layer.shift.unit === 'days' ||
    layer.shift.unit === 'weeks' ||
    (layer.shift.unit === 'hours' && 24 % layer.shift.length === 0);
  let turn: number;
  if (byWallClock) {
    if (wall < anchorWall) return undefined;
    turn = Math.floor((wall - anchorWall) / step);
  } else {
    const key = `${def.timeZone}|${anchorWall}`;
    if (!ev.anchors.has(key)) ev.anchors.set(key, firstInstantWithWall(def.timeZone, anchorWall));
    const anchor = ev.anchors.get(key)!;
    if (t < anchor) return undefined;
    turn = Math.floor((t - anchor) / step);
  }
  const offset = layer.rotationOffset ?? 0;
  return layer.participants[(((turn + offset) % n) + n) % n];
}

function applyOverrides(base: string | undefined, overrides: TimelineOverride[], t: number): string[] {
  // Each holder remembers every person whose slot it is.
  let holders = base === undefined ? [] : [{ user: base, slotOf: new Set([base]) }];
  const active = overrides
    .filter((o) => o.start <= t && t < o.end)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const o of active) {
    if (o.kind === 'add') {
      if (!holders.some((h) => h.user === o.userId)) holders.push({ user: o.userId, slotOf: new Set([o.userId]) });
    } else if (o.kind === 'remove') {
      holders = holders.filter((h) => h.user !== o.userId);
    } else {
      const taken = holders.filter(
        (h) => o.replacesUserId === null || h.user === o.replacesUserId || h.slotOf.has(o.replacesUserId),
      );
      if (taken.length === 0) continue;
      const slotOf = new Set(taken.flatMap((h) => [...h.slotOf]));
      slotOf.add(o.userId);
      holders = holders.filter((h) => !taken.includes(h));
      const same = holders.find((h) => h.user === o.userId);
      if (same) for (const s of slotOf) same.slotOf.add(s);
      else holders.push({ user: o.userId, slotOf });
    }
  }
  return holders.map((h) => h.user);
}

/** Who is on call at every minute of [from, to) (from and to on whole minutes). */
export function referenceOnCall(
  timeline: ScheduleTimeline,
  from: number,
  to: number,
): Array<{ t: number; userIds: string[] }> {
  const zones = [...new Set(timeline.versions.map((v) => v.definition.timeZone))];
  const ev: Evaluation = { latestWall: new Map(), anchors: new Map() };
  for (const zone of zones) {
    let latest = -Infinity;
    for (let t = from - DAY; t < from; t += MINUTE) latest = Math.max(latest, luxonWall(zone, t));
    ev.latestWall.set(zone, latest);
  }
  const out: Array<{ t: number; userIds: string[] }> = [];
  for (let t = from; t < to; t += MINUTE) {
    for (const zone of zones) ev.latestWall.set(zone, Math.max(ev.latestWall.get(zone)!, luxonWall(zone, t)));
    const candidates = timeline.versions.filter((v) => v.effectiveFrom <= t);
    const version = candidates.reduce<(typeof candidates)[number] | undefined>(
      (best, v) => (!best || v.number > best.number ? v : best),
      undefined,
    );
    let base: string | undefined;
    if (version) {
      for (let i = version.definition.layers.length - 1; i >= 0 && base === undefined; i--)
        base = layerUser(version.definition, i, t, ev);
    }
    out.push({ t, userIds: applyOverrides(base, timeline.overrides, t) });
  }
  return out;
}
