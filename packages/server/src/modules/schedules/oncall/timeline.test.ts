/**
 * Table-driven cases for the calculator: hand-offs across DST changes in four
 * zones, shifts across midnight and month ends, restrictions, layer
 * precedence, overrides over overrides, and versions.
 */
import { describe, expect, it } from 'vitest';
import type { LayerDefinition, ScheduleDefinition } from './definition.js';
import { finalShifts, onCallAt, type ScheduleTimeline, type TimelineOverride } from './timeline.js';

const ms = (iso: string) => Date.parse(iso);
const layer = (partial: Partial<LayerDefinition> & Pick<LayerDefinition, 'participants'>): LayerDefinition => ({
  name: 'L',
  shift: { length: 1, unit: 'days' },
  handoffTime: '09:00',
  startDate: '2026-01-01',
  ...partial,
});
const timeline = (definition: ScheduleDefinition, overrides: TimelineOverride[] = []): ScheduleTimeline => ({
  versions: [{ number: 1, effectiveFrom: 0, definition }],
  overrides,
});
const table = (t: ScheduleTimeline, from: string, to: string) =>
  finalShifts(t, ms(from), ms(to)).map(
    (s) => `${s.userId} ${new Date(s.start).toISOString().slice(0, 16)}–${new Date(s.end).toISOString().slice(0, 16)}`,
  );

describe('daily hand-offs keep their local time across DST', () => {
  it.each([
    // zone, the day before the change, shifts (UTC) around it
    ['America/New_York', '2026-03-07', ['A 2026-03-07T14:00–2026-03-08T13:00', 'B 2026-03-08T13:00–2026-03-09T13:00']],
    ['America/New_York', '2026-10-31', ['A 2026-10-31T13:00–2026-11-01T14:00', 'B 2026-11-01T14:00–2026-11-02T14:00']],
    ['Europe/London', '2026-03-28', ['A 2026-03-28T09:00–2026-03-29T08:00', 'B 2026-03-29T08:00–2026-03-30T08:00']],
    ['Europe/London', '2026-10-24', ['A 2026-10-24T08:00–2026-10-25T09:00', 'B 2026-10-25T09:00–2026-10-26T09:00']],
    ['Australia/Sydney', '2026-04-04', ['A 2026-04-03T22:00–2026-04-04T23:00', 'B 2026-04-04T23:00–2026-04-05T23:00']],
    ['Australia/Sydney', '2026-10-03', ['A 2026-10-02T23:00–2026-10-03T22:00', 'B 2026-10-03T22:00–2026-10-04T22:00']],
    ['Asia/Kolkata', '2026-03-07', ['A 2026-03-07T03:30–2026-03-08T03:30', 'B 2026-03-08T03:30–2026-03-09T03:30']],
  ])('%s from %s: a 23- or 25-hour day where the clocks change', (zone, day, expected) => {
    const t = timeline({ timeZone: zone, layers: [layer({ participants: ['A', 'B'], startDate: day })] });
    const first = finalShifts(t, 0, ms('2027-01-01T00:00Z'))[0]!;
    const second = finalShifts(t, first.end, first.end + 1)[0]!;
    expect(
      table(
        t,
        new Date(first.start).toISOString(),
        new Date(second.start + 86_400_000 + 3_600_000 * 2).toISOString(),
      ).slice(0, 2),
    ).toEqual(expected);
  });

  it('hands over at the moment the clocks jump when the hand-off time does not exist that day', () => {
    const t = timeline({
      timeZone: 'America/New_York',
      layers: [layer({ participants: ['A', 'B'], handoffTime: '02:30', startDate: '2026-03-07' })],
    });
    expect(table(t, '2026-03-07T07:30Z', '2026-03-09T12:00Z')).toEqual([
      'A 2026-03-07T07:30–2026-03-08T07:00', // 02:30 EST → the jump at 02:00 EST = 03:00 EDT
      'B 2026-03-08T07:00–2026-03-09T06:30',
      'A 2026-03-09T06:30–2026-03-09T12:00',
    ]);
  });

  it('hands over the first time round when the hand-off time happens twice', () => {
    const t = timeline({
      timeZone: 'America/New_York',
      layers: [layer({ participants: ['A', 'B'], handoffTime: '01:30', startDate: '2026-10-31' })],
    });
    expect(table(t, '2026-10-31T05:30Z', '2026-11-02T06:30Z')).toEqual([
      'A 2026-10-31T05:30–2026-11-01T05:30',
      'B 2026-11-01T05:30–2026-11-02T06:30',
    ]);
  });

  it('an hourly rotation keeps its turn through the repeated hour instead of going back', () => {
    const t = timeline({
      timeZone: 'America/New_York',
      layers: [
        layer({
          participants: ['A', 'B'],
          shift: { length: 1, unit: 'hours' },
          handoffTime: '00:30',
          startDate: '2026-11-01',
        }),
      ],
    });
    expect(table(t, '2026-11-01T04:30Z', '2026-11-01T08:30Z')).toEqual([
      'A 2026-11-01T04:30–2026-11-01T05:30',
      'B 2026-11-01T05:30–2026-11-01T07:30', // 01:30 EDT to 02:30 EST: two hours, the repeated one included
      'A 2026-11-01T07:30–2026-11-01T08:30',
    ]);
    expect(onCallAt(t, ms('2026-11-01T06:10Z'))).toEqual(['B']); // 01:10 EST, second time round
  });

  it('12-hour shifts stay on 08:00 and 20:00 local; 8-hour shifts count exact hours', () => {
    const twelve = timeline({
      timeZone: 'Europe/London',
      layers: [
        layer({
          participants: ['D', 'N'],
          shift: { length: 12, unit: 'hours' },
          handoffTime: '08:00',
          startDate: '2026-03-28',
        }),
      ],
    });
    expect(table(twelve, '2026-03-28T08:00Z', '2026-03-30T07:00Z')).toEqual([
      'D 2026-03-28T08:00–2026-03-28T20:00',
      'N 2026-03-28T20:00–2026-03-29T07:00', // 11 hours: the night the clocks go forward
      'D 2026-03-29T07:00–2026-03-29T19:00',
      'N 2026-03-29T19:00–2026-03-30T07:00',
    ]);
    const eight = timeline({
      timeZone: 'Europe/London',
      layers: [
        layer({
          participants: ['A', 'B', 'C'],
          shift: { length: 480, unit: 'minutes' },
          handoffTime: '00:00',
          startDate: '2026-03-29',
        }),
      ],
    });
    expect(table(eight, '2026-03-29T00:00Z', '2026-03-30T00:00Z')).toEqual([
      'A 2026-03-29T00:00–2026-03-29T08:00',
      'B 2026-03-29T08:00–2026-03-29T16:00',
      'C 2026-03-29T16:00–2026-03-30T00:00',
    ]);
  });
});

describe('shifts across midnight and month ends', () => {
  it('a 23:30 hand-off across the end of January and of February (leap day absent)', () => {
    const t = timeline({
      timeZone: 'UTC',
      layers: [layer({ participants: ['A', 'B', 'C'], handoffTime: '23:30', startDate: '2026-01-30' })],
    });
    expect(table(t, '2026-01-30T23:30Z', '2026-02-02T23:30Z')).toEqual([
      'A 2026-01-30T23:30–2026-01-31T23:30',
      'B 2026-01-31T23:30–2026-02-01T23:30',
      'C 2026-02-01T23:30–2026-02-02T23:30',
    ]);
    expect(onCallAt(t, ms('2026-03-01T00:00Z'))).toEqual([['A', 'B', 'C'][(28 + 1) % 3]]); // 30 Jan + 29 turns
  });

  it('weekly rotations turn over at the same local time, month after month', () => {
    const t = timeline({
      timeZone: 'America/New_York',
      layers: [
        layer({
          participants: ['A', 'B'],
          shift: { length: 1, unit: 'weeks' },
          handoffTime: '10:00',
          startDate: '2026-02-23',
        }),
      ],
    });
    expect(table(t, '2026-02-23T15:00Z', '2026-03-16T14:00Z')).toEqual([
      'A 2026-02-23T15:00–2026-03-02T15:00',
      'B 2026-03-02T15:00–2026-03-09T14:00',
      'A 2026-03-09T14:00–2026-03-16T14:00',
    ]);
  });
});

describe('restrictions and layers', () => {
  const base = layer({
    name: 'Base',
    participants: ['A', 'B'],
    shift: { length: 1, unit: 'weeks' },
    startDate: '2026-01-05',
  });
  const nights = layer({
    name: 'Nights',
    participants: ['N'],
    handoffTime: '00:00',
    startDate: '2026-01-01',
    restrictions: [{ days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }],
  });

  it('a higher layer wins only where its restrictions put someone on call; windows cross midnight', () => {
    const t = timeline({ timeZone: 'Europe/London', layers: [base, nights] });
    expect(onCallAt(t, ms('2026-01-05T12:00Z'))).toEqual(['A']); // Monday noon
    expect(onCallAt(t, ms('2026-01-05T23:00Z'))).toEqual(['N']); // Monday night
    expect(onCallAt(t, ms('2026-01-06T05:59Z'))).toEqual(['N']); // still Monday's window
    expect(onCallAt(t, ms('2026-01-06T06:00Z'))).toEqual(['A']);
    expect(onCallAt(t, ms('2026-01-10T23:00Z'))).toEqual(['A']); // Saturday night: no window starts on Saturday
    expect(onCallAt(t, ms('2026-01-10T02:00Z'))).toEqual(['N']); // early Saturday: Friday's window
  });

  it('a window equal at both ends is a whole day; a layer with no participants covers nothing', () => {
    const weekends = layer({
      name: 'Weekends',
      participants: ['W'],
      restrictions: [{ days: [6, 7], start: '00:00', end: '00:00' }],
    });
    const t = timeline({ timeZone: 'UTC', layers: [base, weekends, layer({ name: 'Empty', participants: [] })] });
    expect(table(t, '2026-01-09T00:00Z', '2026-01-12T12:00Z')).toEqual([
      'A 2026-01-09T00:00–2026-01-10T00:00',
      'W 2026-01-10T00:00–2026-01-12T00:00',
      'A 2026-01-12T00:00–2026-01-12T09:00',
      'B 2026-01-12T09:00–2026-01-12T12:00',
    ]);
  });

  it('nobody is on call before a layer starts', () => {
    const t = timeline({ timeZone: 'UTC', layers: [layer({ participants: ['A'], startDate: '2026-06-01' })] });
    expect(onCallAt(t, ms('2026-05-31T12:00Z'))).toEqual([]);
    expect(onCallAt(t, ms('2026-06-01T09:00Z'))).toEqual(['A']);
  });
});

describe('overrides', () => {
  const t0 = ms('2026-01-01T00:00Z');
  const o = (
    id: string,
    kind: TimelineOverride['kind'],
    userId: string,
    replacesUserId: string | null,
    from: string,
    to: string,
    createdAt: number,
  ): TimelineOverride => ({
    id,
    kind,
    userId,
    replacesUserId,
    start: ms(from),
    end: ms(to),
    createdAt: t0 + createdAt,
  });
  const definition: ScheduleDefinition = {
    timeZone: 'UTC',
    layers: [layer({ participants: ['A'], startDate: '2025-12-01' })],
  };

  it.each([
    [
      'replace names who takes the slot',
      [o('1', 'replace', 'B', 'A', '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1)],
      ['B'],
    ],
    ['add keeps the others', [o('1', 'add', 'B', null, '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1)], ['A', 'B']],
    ['remove leaves a gap', [o('1', 'remove', 'A', null, '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1)], []],
    [
      "replace without a name takes everyone's slot",
      [
        o('1', 'add', 'B', null, '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1),
        o('2', 'replace', 'C', null, '2026-02-01T00:00Z', '2026-02-02T00:00Z', 2),
      ],
      ['C'],
    ],
    [
      'the later-created of two replaces of one person wins',
      [
        o('1', 'replace', 'B', 'A', '2026-01-30T00:00Z', '2026-02-05T00:00Z', 1),
        o('2', 'replace', 'C', 'A', '2026-02-01T00:00Z', '2026-02-02T00:00Z', 2),
      ],
      ['C'],
    ],
    [
      'creation order decides, not the window',
      [
        o('2', 'replace', 'C', 'A', '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1),
        o('1', 'replace', 'B', 'A', '2026-01-30T00:00Z', '2026-02-05T00:00Z', 2),
      ],
      ['B'],
    ],
    [
      'someone who covers can hand the slot on',
      [
        o('1', 'replace', 'B', 'A', '2026-01-30T00:00Z', '2026-02-05T00:00Z', 1),
        o('2', 'replace', 'D', 'B', '2026-02-01T00:00Z', '2026-02-02T00:00Z', 2),
      ],
      ['D'],
    ],
    [
      'replacing someone not on call does nothing',
      [o('1', 'replace', 'B', 'Z', '2026-02-01T00:00Z', '2026-02-02T00:00Z', 1)],
      ['A'],
    ],
    [
      'an override that has ended does nothing',
      [o('1', 'replace', 'B', 'A', '2026-01-01T00:00Z', '2026-02-01T00:00Z', 1)],
      ['A'],
    ],
  ])('%s', (_, overrides, expected) => {
    const t = timeline(definition, overrides);
    expect(onCallAt(t, ms('2026-02-01T12:00Z'))).toEqual(expected);
    const atNoon = finalShifts(t, ms('2026-02-01T12:00Z'), ms('2026-02-01T12:01Z')).map((s) => s.userId);
    expect(atNoon.sort()).toEqual([...expected].sort());
  });
});

describe('versions', () => {
  it('the highest-numbered version in effect decides; a later edit supersedes a change planned for later', () => {
    const v = (number: number, effectiveFrom: string, who: string) => ({
      number,
      effectiveFrom: ms(effectiveFrom),
      definition: { timeZone: 'UTC', layers: [layer({ participants: [who], startDate: '2025-01-01' })] },
    });
    const t: ScheduleTimeline = {
      versions: [v(1, '2026-01-01T00:00Z', 'A'), v(2, '2026-03-01T00:00Z', 'B'), v(3, '2026-02-01T00:00Z', 'C')],
      overrides: [],
    };
    expect(onCallAt(t, ms('2025-12-31T00:00Z'))).toEqual([]);
    expect(onCallAt(t, ms('2026-01-15T00:00Z'))).toEqual(['A']);
    expect(onCallAt(t, ms('2026-02-15T00:00Z'))).toEqual(['C']);
    expect(onCallAt(t, ms('2026-03-15T00:00Z'))).toEqual(['C']);
    expect(table(t, '2026-01-31T00:00Z', '2026-02-02T00:00Z')).toEqual([
      'A 2026-01-31T00:00–2026-02-01T00:00',
      'C 2026-02-01T00:00–2026-02-02T00:00',
    ]);
  });
});
