/**
 * The pure helpers around the calculator: checks (gaps, double bookings,
 * load), the readable diff, the follow-the-sun template and carrying a
 * rotation's place when participants change.
 */
import { describe, expect, it } from 'vitest';
import { carryRotations } from './carry-rotation.js';
import { checkSchedule, defaultHorizonWeeks } from './checks.js';
import type { LayerDefinition, ScheduleDefinition } from './definition.js';
import { normalizeDefinition, sameDefinition } from './definition.js';
import { describeChange, effectChanges } from './describe-change.js';
import { followTheSunDefinition } from './follow-the-sun.js';
import { finalShifts, onCallAt, type ScheduleTimeline } from './timeline.js';

const ms = (iso: string) => Date.parse(iso);
const names: Record<string, string> = { A: 'Alice', B: 'Bob', C: 'Carol', D: 'Dan' };
const nameOf = (id: string) => names[id] ?? id;
const layer = (partial: Partial<LayerDefinition> & Pick<LayerDefinition, 'participants'>): LayerDefinition => ({
  name: 'Primary',
  shift: { length: 1, unit: 'weeks' },
  handoffTime: '09:00',
  startDate: '2026-01-05',
  ...partial,
});
const one = (definition: ScheduleDefinition, overrides: ScheduleTimeline['overrides'] = []): ScheduleTimeline => ({
  versions: [{ number: 1, effectiveFrom: 0, definition }],
  overrides,
});

describe('checks', () => {
  it('finds gaps, double bookings and uneven load, with the numbers', () => {
    const definition: ScheduleDefinition = {
      timeZone: 'UTC',
      layers: [
        layer({
          name: 'Days',
          participants: ['A', 'B'],
          restrictions: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
        }),
        layer({
          name: 'Evenings',
          participants: ['A'],
          shift: { length: 1, unit: 'days' },
          restrictions: [{ days: [1], start: '16:00', end: '20:00' }],
        }),
      ],
    };
    const checks = checkSchedule(one(definition), ms('2026-01-05T09:00Z'), ms('2026-01-19T09:00Z'));
    expect(checks.gaps[0]).toEqual({ start: ms('2026-01-05T20:00Z'), end: ms('2026-01-06T09:00Z') });
    expect(checks.doubleBookings).toEqual([
      {
        userId: 'A',
        start: ms('2026-01-05T16:00Z'),
        end: ms('2026-01-05T17:00Z'),
        sources: ['layer "Days"', 'layer "Evenings"'],
      },
    ]);
    // Alice: week 1 (Monday 09–20, then 8 h a day) and Monday evening 16–20 of week 2; Bob: the rest of week 2.
    expect(checks.load).toEqual([
      { userId: 'A', hours: 11 + 4 * 8 + 4, nightHours: 0, weekendHours: 0 },
      { userId: 'B', hours: 7 + 4 * 8, nightHours: 0, weekendHours: 0 },
    ]);
    expect(checks.unevenLoad).toEqual([]);
  });

  it('calls a rotation that gives one person every night uneven, and sizes its horizon to the rotation', () => {
    const definition: ScheduleDefinition = {
      timeZone: 'Europe/London',
      layers: [
        layer({ name: 'Days', participants: ['A', 'B'], shift: { length: 1, unit: 'days' } }),
        layer({
          name: 'Nights',
          participants: ['C'],
          shift: { length: 1, unit: 'days' },
          restrictions: [{ start: '22:00', end: '06:00' }],
        }),
      ],
    };
    const checks = checkSchedule(one(definition), ms('2026-01-05T09:00Z'), ms('2026-02-02T09:00Z'));
    expect(checks.unevenLoad).toContain('nightHours');
    expect(checks.load.find((l) => l.userId === 'C')).toMatchObject({ hours: 224, nightHours: 224 });
    expect(defaultHorizonWeeks(definition)).toBe(4);
    expect(
      defaultHorizonWeeks({
        timeZone: 'UTC',
        layers: [layer({ participants: ['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D'] })],
      }),
    ).toBe(8);
  });

  it('judges a fair rotation over whole cycles: three people weekly are even over 6 weeks, not 4', () => {
    const definition: ScheduleDefinition = {
      timeZone: 'Europe/Amsterdam',
      layers: [layer({ participants: ['A', 'B', 'C'] })],
    };
    const from = ms('2026-01-07T13:00Z');
    const weeks = defaultHorizonWeeks(definition);
    expect(weeks).toBe(6);
    const whole = checkSchedule(one(definition), from, from + weeks * 7 * 24 * 3600_000);
    expect(whole.unevenLoad).toEqual([]);
    expect(new Set(whole.load.map((l) => l.hours))).toEqual(new Set([336]));
    // Over 4 weeks (not a whole number of cycles) the same fair rotation looked uneven: the warning this fixes.
    expect(checkSchedule(one(definition), from, from + 4 * 7 * 24 * 3600_000).unevenLoad).toContain('hours');
  });

  it.each([
    [['A', 'B'], { length: 1, unit: 'days' as const }, 4],
    [['A', 'B', 'C'], { length: 1, unit: 'days' as const }, 6],
    [['A', 'B', 'C', 'D', 'E'], { length: 1, unit: 'weeks' as const }, 5],
    [['A', 'B', 'C', 'D', 'E', 'F', 'G'], { length: 1, unit: 'weeks' as const }, 7],
  ])('sizes the horizon of %j every %j to %i weeks', (participants, shift, weeks) => {
    expect(defaultHorizonWeeks({ timeZone: 'UTC', layers: [layer({ participants, shift })] })).toBe(weeks);
  });

  it('counts an add override on top of the person already on call as a double booking', () => {
    const timeline = one({ timeZone: 'UTC', layers: [layer({ participants: ['A'] })] }, [
      {
        id: 'o1',
        kind: 'add',
        userId: 'A',
        replacesUserId: null,
        start: ms('2026-01-06T00:00Z'),
        end: ms('2026-01-06T02:00Z'),
        createdAt: 1,
      },
    ]);
    expect(checkSchedule(timeline, ms('2026-01-05T09:00Z'), ms('2026-01-07T09:00Z')).doubleBookings).toEqual([
      {
        userId: 'A',
        start: ms('2026-01-06T00:00Z'),
        end: ms('2026-01-06T02:00Z'),
        sources: ['layer "Primary"', 'override o1'],
      },
    ]);
  });
});

describe('the readable diff', () => {
  const weekly: ScheduleDefinition = { timeZone: 'Europe/London', layers: [layer({ participants: ['A', 'B', 'C'] })] };

  it('says who moves in and out, and what it does to whom, from when', () => {
    const nights: ScheduleDefinition = {
      timeZone: 'Europe/London',
      layers: [
        layer({ name: 'Base', participants: ['C'], shift: { length: 1, unit: 'days' } }),
        layer({
          name: 'Tuesday nights',
          participants: ['A'],
          shift: { length: 1, unit: 'weeks' },
          restrictions: [{ days: [2], start: '22:00', end: '06:00' }],
        }),
      ],
    };
    const moved: ScheduleDefinition = {
      ...nights,
      layers: [nights.layers[0]!, { ...nights.layers[1]!, participants: ['B'] }],
    };
    expect(describeChange(nights, moved, ms('2026-11-24T12:00Z'), nameOf)).toBe(
      "Tuesday nights: Bob joins, Alice leaves; Alice's Tuesday nights move to Bob from 24 Nov",
    );
    expect(effectChanges(nights, moved, ms('2026-11-26T12:00Z'), ms('2026-12-20T00:00Z'), nameOf)).toEqual([
      "Alice's Tuesday nights move to Bob from 1 Dec",
    ]);
  });

  it('describes a new schedule, changes of shape, and no change', () => {
    expect(describeChange(undefined, weekly, 0, nameOf)).toBe(
      'Created with 1 layer: Primary (Alice, Bob, Carol; weekly, hand-off 09:00 from 2026-01-05)',
    );
    const changed: ScheduleDefinition = {
      timeZone: 'UTC',
      layers: [{ ...weekly.layers[0]!, shift: { length: 1, unit: 'days' }, handoffTime: '10:00' }],
    };
    expect(describeChange(weekly, changed, ms('2026-02-02T00:00Z'), nameOf)).toMatch(
      /^Time zone Europe\/London → UTC; Primary: shifts weekly → daily, hand-off 09:00 → 10:00; /,
    );
    expect(describeChange(weekly, weekly, ms('2026-02-02T00:00Z'), nameOf)).toBe('No change to who is on call');
  });
});

describe('follow-the-sun', () => {
  it('centres each region on its local noon by default, covering the day with no gap or overlap', () => {
    const definition = followTheSunDefinition({
      timeZone: 'UTC',
      startDate: '2026-01-05',
      shift: { length: 1, unit: 'weeks' },
      regions: [
        { name: 'EMEA', timeZone: 'Europe/London', participants: ['A'] },
        { name: 'APAC', timeZone: 'Australia/Sydney', participants: ['B'] },
        { name: 'AMER', timeZone: 'America/New_York', participants: ['C'] },
      ],
    });
    expect(definition.layers.map((l) => [l.name, l.restrictions])).toEqual([
      ['EMEA', [{ start: '06:30', end: '14:30' }]],
      ['AMER', [{ start: '14:30', end: '21:00' }]],
      ['APAC', [{ start: '21:00', end: '06:30' }]],
    ]);
    const timeline = one(definition);
    const shifts = finalShifts(timeline, ms('2026-01-06T00:00Z'), ms('2026-01-07T00:00Z'));
    expect(shifts.map((s) => s.userId)).toEqual(['B', 'A', 'C', 'B']);
    expect(onCallAt(timeline, ms('2026-01-06T12:00Z'))).toEqual(['A']);
  });

  it('takes explicit local starts, and refuses two regions starting together', () => {
    const definition = followTheSunDefinition({
      timeZone: 'UTC',
      startDate: '2026-01-05',
      shift: { length: 1, unit: 'weeks' },
      regions: [
        { name: 'EMEA', timeZone: 'Europe/London', participants: ['A'], start: '07:00' },
        { name: 'AMER', timeZone: 'America/New_York', participants: ['C'], start: '10:00' },
        { name: 'APAC', timeZone: 'Asia/Kolkata', participants: ['B'], start: '01:00' },
      ],
    });
    expect(definition.layers.map((l) => `${l.name} ${l.restrictions![0]!.start}-${l.restrictions![0]!.end}`)).toEqual([
      'EMEA 07:00-15:00',
      'AMER 15:00-19:30',
      'APAC 19:30-07:00',
    ]);
    expect(() =>
      followTheSunDefinition({
        timeZone: 'UTC',
        startDate: '2026-01-05',
        shift: { length: 1, unit: 'weeks' },
        regions: [
          { name: 'X', timeZone: 'Europe/London', participants: [], start: '09:00' },
          { name: 'Y', timeZone: 'Europe/Lisbon', participants: [], start: '09:00' },
        ],
      }),
    ).toThrow(/would start at the same time/);
  });
});

describe('carrying a rotation over', () => {
  const before: ScheduleDefinition = { timeZone: 'UTC', layers: [layer({ participants: ['A', 'B', 'C'] })] };
  const at = ms('2026-01-14T12:00Z'); // week 2: Bob's turn

  it.each([
    ['someone else leaves: the person on call stays', ['A', 'B'], 'B', 'A'],
    ['the person on call leaves: the next in line takes over', ['A', 'C'], 'C', 'A'],
    ['someone joins: the person on call stays, the newcomer comes next', ['A', 'B', 'D', 'C'], 'B', 'D'],
  ])('%s', (_, participants, now, next) => {
    const after = carryRotations(before, { ...before, layers: [{ ...before.layers[0]!, participants }] }, at);
    const timeline = one(after);
    expect(onCallAt(timeline, at)).toEqual([now]);
    expect(onCallAt(timeline, at + 7 * 86_400_000)).toEqual([next]);
  });

  it('keeps an offset the caller chose, and one they left out', () => {
    const chosen = carryRotations(
      before,
      { ...before, layers: [{ ...before.layers[0]!, participants: ['A', 'B'], rotationOffset: 1 }] },
      at,
    );
    expect(chosen.layers[0]!.rotationOffset).toBe(1);
    const withOffset = { ...before, layers: [{ ...before.layers[0]!, rotationOffset: 2 }] };
    const leftOut = carryRotations(withOffset, before, at);
    expect(leftOut.layers[0]!.rotationOffset).toBe(2);
    expect(sameDefinition(normalizeDefinition(leftOut), withOffset)).toBe(true);
  });
});
