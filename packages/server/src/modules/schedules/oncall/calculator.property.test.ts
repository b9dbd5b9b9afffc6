/**
 * Property-based tests of the calculator (fast-check): for random schedules
 * (zones with DST, layers of every shift kind, restrictions, versions,
 * overrides over overrides), every minute of a window around a DST change has
 * exactly the people the minute-by-minute reference says, both by the point
 * answer and by the range answer; restoring a version gives back its answers
 * for every later instant; and adding a version never changes the past.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LayerDefinition, RestrictionWindow, ScheduleDefinition } from './definition.js';
import { referenceOnCall } from './naive-reference.js';
import { finalPieces, onCallAt, type ScheduleTimeline, type TimelineOverride } from './timeline.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PEOPLE = ['A', 'B', 'C', 'D'];

/** Instants around which clocks change (and one where they do not), per zone. */
const MOMENTS: Array<[string, string]> = [
  ['America/New_York', '2026-03-08T07:00:00Z'],
  ['America/New_York', '2026-11-01T06:00:00Z'],
  ['Europe/London', '2026-03-29T01:00:00Z'],
  ['Europe/London', '2026-10-25T01:00:00Z'],
  ['Australia/Sydney', '2026-04-04T16:00:00Z'],
  ['Australia/Sydney', '2026-10-03T16:00:00Z'],
  ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
  ['Asia/Kolkata', '2026-01-31T18:30:00Z'],
  ['UTC', '2026-02-28T23:00:00Z'],
];

const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const shiftArb: fc.Arbitrary<LayerDefinition['shift']> = fc.oneof(
  fc.record({ length: fc.integer({ min: 1, max: 3 }), unit: fc.constant('days' as const) }),
  fc.record({ length: fc.constant(1), unit: fc.constant('weeks' as const) }),
  fc.record({ length: fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 12, 24), unit: fc.constant('hours' as const) }),
  fc.record({ length: fc.constantFrom(15, 45, 90, 200, 600), unit: fc.constant('minutes' as const) }),
);

const windowArb: fc.Arbitrary<RestrictionWindow> = fc.record(
  { days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), start: hhmm, end: hhmm },
  { requiredKeys: ['start', 'end'] },
);

function layerArb(startDay: number): fc.Arbitrary<LayerDefinition> {
  return fc.record(
    {
      name: fc.constant('L'),
      participants: fc.array(fc.constantFrom(...PEOPLE), { minLength: 0, maxLength: 4 }),
      shift: shiftArb,
      handoffTime: hhmm,
      startDate: fc.integer({ min: -6, max: 1 }).map((d) => new Date(startDay + d * DAY).toISOString().slice(0, 10)),
      restrictions: fc.array(windowArb, { minLength: 1, maxLength: 2 }),
      rotationOffset: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: ['name', 'participants', 'shift', 'handoffTime', 'startDate'] },
  );
}

function definitionArb(zone: string, startDay: number): fc.Arbitrary<ScheduleDefinition> {
  return fc
    .array(layerArb(startDay), { minLength: 1, maxLength: 3 })
    .map((layers) => ({ timeZone: zone, layers: layers.map((l, i) => ({ ...l, name: `L${i}` })) }));
}

function overrideArb(from: number, span: number): fc.Arbitrary<TimelineOverride> {
  return fc
    .record({
      kind: fc.constantFrom('add' as const, 'replace' as const, 'remove' as const),
      userId: fc.constantFrom(...PEOPLE, 'E'),
      replaces: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
      startMinute: fc.integer({ min: -60, max: span / 60_000 }),
      lengthMinutes: fc.integer({ min: 15, max: 36 * 60 }),
      createdAt: fc.integer({ min: 0, max: 1000 }),
    })
    .map((o) => ({
      id: '',
      kind: o.kind,
      userId: o.userId,
      replacesUserId: o.kind === 'replace' ? o.replaces : null,
      start: from + o.startMinute * 60_000,
      end: from + (o.startMinute + o.lengthMinutes) * 60_000,
      createdAt: o.createdAt,
    }));
}

interface Scenario {
  timeline: ScheduleTimeline;
  from: number;
  to: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .oneof(
    fc.constantFrom(...MOMENTS),
    fc.constantFrom(...MOMENTS.filter(([, m]) => /-(1[01])-/.test(m) || m.includes('-04-04'))),
  )
  .chain(([zone, moment]) => {
    const pivot = Date.parse(moment);
    const from = pivot - 14 * HOUR;
    const to = pivot + 14 * HOUR;
    const startDay = Math.floor(pivot / DAY) * DAY;
    return fc
      .record({
        definitions: fc.array(definitionArb(zone, startDay), { minLength: 1, maxLength: 3 }),
        effective: fc.array(fc.integer({ min: -30 * 60, max: 28 * 60 }), { minLength: 3, maxLength: 3 }),
        overrides: fc.array(overrideArb(from, to - from), { maxLength: 4 }),
      })
      .map(({ definitions, effective, overrides }) => ({
        from,
        to,
        timeline: {
          versions: definitions.map((definition, i) => ({
            number: i + 1,
            effectiveFrom: from + effective[i]! * 60_000,
            definition,
          })),
          overrides: overrides.map((o, i) => ({ ...o, id: `o${i}` })),
        },
      }));
  });

const sorted = (ids: string[]) => [...ids].sort();

describe('the calculator agrees with the minute-by-minute reference', () => {
  // CPU-bound (about 20 s alone on two cores): the timeout is room for a busy machine, not a limit on speed.
  it('at every minute around DST changes, by point and by range', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(scenarioArb, ({ timeline, from, to }) => {
        const reference = referenceOnCall(timeline, from, to);
        const pieces = finalPieces(timeline, from, to);
        expect(pieces[0]!.start).toBe(from);
        expect(pieces[pieces.length - 1]!.end).toBe(to);
        let p = 0;
        // Thousands of minutes per case: compare cheaply, and let expect() word only a mismatch
        // (an expect per minute made this test CPU-bound enough to time out on a busy machine).
        const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
        for (const { t, userIds } of reference) {
          while (pieces[p]!.end <= t) p++;
          const expected = sorted(userIds);
          const atPoint = sorted(onCallAt(timeline, t));
          const inRange = sorted(pieces[p]!.userIds);
          if (!same(atPoint, expected)) expect(atPoint, `point ${new Date(t).toISOString()}`).toEqual(expected);
          if (!same(inRange, expected)) expect(inRange, `range ${new Date(t).toISOString()}`).toEqual(expected);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('versions', () => {
  const withTimes = scenarioArb.chain((s) =>
    fc.record({
      scenario: fc.constant(s),
      restoreAt: fc.integer({ min: s.from, max: s.to }),
      samples: fc.array(fc.integer({ min: s.from - DAY, max: s.to + 3 * DAY }), { minLength: 20, maxLength: 40 }),
    }),
  );

  it('restoring a version gives back exactly its answers for every instant from then on', () => {
    fc.assert(
      fc.property(withTimes, fc.nat(), ({ scenario, restoreAt, samples }, pick) => {
        const { versions, overrides } = scenario.timeline;
        const old = versions[pick % versions.length]!;
        const restored: ScheduleTimeline = {
          versions: [
            ...versions,
            { number: versions.length + 1, effectiveFrom: restoreAt, definition: old.definition },
          ],
          overrides,
        };
        const alone: ScheduleTimeline = {
          versions: [{ number: 1, effectiveFrom: -8.64e15, definition: old.definition }],
          overrides,
        };
        for (const t of samples.filter((s) => s >= restoreAt))
          expect(sorted(onCallAt(restored, t))).toEqual(sorted(onCallAt(alone, t)));
      }),
      { numRuns: 100 },
    );
  });

  it('a new version never changes an answer before it takes effect', () => {
    fc.assert(
      fc.property(withTimes, ({ scenario, restoreAt, samples }) => {
        const { versions, overrides } = scenario.timeline;
        const edited: ScheduleTimeline = {
          versions: [
            ...versions,
            { number: versions.length + 1, effectiveFrom: restoreAt, definition: { timeZone: 'UTC', layers: [] } },
          ],
          overrides,
        };
        for (const t of samples.filter((s) => s < restoreAt))
          expect(sorted(onCallAt(edited, t))).toEqual(sorted(onCallAt(scenario.timeline, t)));
        const before = finalPieces(scenario.timeline, scenario.from - DAY, restoreAt);
        const after = finalPieces(edited, scenario.from - DAY, restoreAt);
        expect(after).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});
