/**
 * A time zone's offsets as a table of transitions, read from luxon (which asks
 * the platform's IANA database) once per zone and year, so the calculator can
 * turn instants into wall-clock readings and back with a binary search instead
 * of a call into Intl (about 4 µs each) per question. The offsets are never
 * computed here, only indexed: this is a lookup table over luxon's answers.
 *
 * Two readings of "local time" are offered:
 * - `wallAt(t)`: the clock on the wall at t (it repeats an hour in autumn);
 * - `effectiveWallAt(t)`: the latest wall reading reached by t, which never
 *   goes back. Every boundary of a schedule (a hand-off at 02:30, a window
 *   ending at 09:00) happens at the first instant whose wall reading reaches
 *   it: `instantOf(w)`. In a spring gap that is the moment the clocks jump; in
 *   the repeated autumn hour it is the first time round.
 */
import { IANAZone } from 'luxon';

const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Transitions further apart than this are never missed by the daily probe. */
const PROBE_STEP_MS = DAY_MS;
/**
 * The table covers these years at most; further out (a question about year
 * 9999) each answer asks luxon directly, so no question can make the table
 * scan thousands of years.
 */
const TABLE_FROM = Date.UTC(1970, 0, 1);
const TABLE_TO = Date.UTC(2100, 0, 1);
const inTable = (ts: number): boolean => ts >= TABLE_FROM + 14 * DAY_MS && ts < TABLE_TO - 14 * DAY_MS;

export class ZoneRules {
  private static readonly byName = new Map<string, ZoneRules>();

  /** The rules of an IANA zone; throws RangeError for an unknown name. */
  static of(name: string): ZoneRules {
    let rules = ZoneRules.byName.get(name);
    if (!rules) {
      if (!IANAZone.isValidZone(name)) throw new RangeError(`Unknown time zone "${name}"`);
      rules = new ZoneRules(IANAZone.create(name));
      ZoneRules.byName.set(name, rules);
    }
    return rules;
  }

  static isValid(name: string): boolean {
    return ZoneRules.byName.has(name) || IANAZone.isValidZone(name);
  }

  /** Covered span: offsets are known for [from, to]. */
  private from = 0;
  private to = -1;
  /** Offset (ms) at `from`. */
  private initial = 0;
  /** Transition instants in (from, to], ascending, and the offset from each on. */
  private readonly at: number[] = [];
  private readonly after: number[] = [];

  private constructor(private readonly zone: IANAZone) {}

  get name(): string {
    return this.zone.name;
  }

  private probe(ts: number): number {
    return this.zone.offset(ts) * MINUTE_MS;
  }

  /** Transitions in (a, b], found by daily probes and bisection to the second. */
  private scan(a: number, b: number): { at: number[]; after: number[] } {
    const at: number[] = [];
    const after: number[] = [];
    let lo = a;
    let loOffset = this.probe(a);
    while (lo < b) {
      const hi = Math.min(lo + PROBE_STEP_MS, b);
      const hiOffset = this.probe(hi);
      if (hiOffset !== loOffset) {
        let l = Math.floor(lo / SECOND_MS);
        let h = Math.ceil(hi / SECOND_MS);
        while (h - l > 1) {
          const mid = Math.floor((l + h) / 2);
          if (this.probe(mid * SECOND_MS) === loOffset) l = mid;
          else h = mid;
        }
        at.push(h * SECOND_MS);
        after.push(this.probe(h * SECOND_MS));
      }
      lo = hi;
      loOffset = hiOffset;
    }
    return { at, after };
  }

  /** Extends the table by whole UTC years so that `ts` (± a few days) is covered. */
  private cover(ts: number): void {
    const year = new Date(ts).getUTCFullYear();
    if (this.to < this.from) {
      this.from = Math.max(TABLE_FROM, Date.UTC(year - 1, 0, 1));
      this.to = Math.min(TABLE_TO, Date.UTC(year + 2, 0, 1));
      this.initial = this.probe(this.from);
      const found = this.scan(this.from, this.to);
      this.at.push(...found.at);
      this.after.push(...found.after);
      return;
    }
    if (ts - 7 * DAY_MS < this.from) {
      const from = Math.max(TABLE_FROM, Date.UTC(new Date(ts - 7 * DAY_MS).getUTCFullYear() - 1, 0, 1));
      const found = this.scan(from, this.from);
      this.at.unshift(...found.at);
      this.after.unshift(...found.after);
      this.from = from;
      this.initial = this.probe(from);
    }
    if (ts + 7 * DAY_MS > this.to) {
      const to = Math.min(TABLE_TO, Date.UTC(new Date(ts + 7 * DAY_MS).getUTCFullYear() + 2, 0, 1));
      const found = this.scan(this.to, to);
      this.at.push(...found.at);
      this.after.push(...found.after);
      this.to = to;
    }
  }

  /** Index of the last transition at or before ts, or -1. */
  private indexAt(ts: number): number {
    if (ts - 7 * DAY_MS < this.from || ts + 7 * DAY_MS > this.to) this.cover(ts);
    const at = this.at;
    let lo = 0;
    let hi = at.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! <= ts) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private offsetOfIndex(i: number): number {
    return i < 0 ? this.initial : this.after[i]!;
  }

  /** The UTC offset at an instant, in milliseconds. */
  offsetAt(ts: number): number {
    if (!inTable(ts)) return this.probe(ts);
    return this.offsetOfIndex(this.indexAt(ts));
  }

  /** The wall-clock reading at ts, as milliseconds since 1970-01-01T00:00 local. */
  wallAt(ts: number): number {
    return ts + this.offsetAt(ts);
  }

  /**
   * The latest wall reading reached by ts: the wall clock, except in the hour
   * the clocks go back, where it stays just below the reading they fell from.
   */
  effectiveWallAt(ts: number): number {
    if (!inTable(ts)) return this.wallAt(ts);
    const i = this.indexAt(ts);
    let wall = ts + this.offsetOfIndex(i);
    for (let j = i; j >= 0 && this.at[j]! > ts - DAY_MS; j--) {
      const before = this.offsetOfIndex(j - 1);
      if (before > this.after[j]!) wall = Math.max(wall, this.at[j]! + before - 1);
    }
    return wall;
  }

  /** The first instant whose wall reading is at least `wall`. */
  instantOf(wall: number): number {
    if (!inTable(wall - 2 * DAY_MS) || !inTable(wall + 2 * DAY_MS)) return this.roughInstantOf(wall);
    const lo = this.indexAt(wall - 2 * DAY_MS);
    const hi = this.indexAt(wall + 2 * DAY_MS);
    if (lo === hi) return wall - this.offsetOfIndex(lo);
    // Walk the stretches between transitions in order; in each, the wall
    // clock runs forward, so the first reading >= wall is easy to find.
    for (let i = lo; i <= hi; i++) {
      const start = i < 0 ? -Infinity : this.at[i]!;
      const end = i + 1 < this.at.length ? this.at[i + 1]! : Infinity;
      const candidate = Math.max(start, wall - this.offsetOfIndex(i));
      if (candidate < end) return candidate;
    }
    return wall - this.offsetOfIndex(hi);
  }

  /**
   * Outside the table (before 1970, after 2099) the same question is put to
   * luxon directly; in a gap it answers the later reading rather than the
   * exact moment of the jump. Schedules live well inside the table.
   */
  private roughInstantOf(wall: number): number {
    const before = this.probe(wall - 2 * DAY_MS);
    const after = this.probe(wall + 2 * DAY_MS);
    if (before === after || this.probe(wall - before) === before) return wall - before;
    return this.probe(wall - after) === after ? wall - after : wall - before;
  }

  /** Transition instants in [a, b) (for tests and the DST-aware tables). */
  transitionsBetween(a: number, b: number): number[] {
    this.indexAt(a);
    this.indexAt(b);
    return this.at.filter((t) => t >= a && t < b);
  }
}
