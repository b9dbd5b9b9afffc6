import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ZoneRules } from './zone-rules.js';

/** A wall-clock reading as the calculator writes it: local time as if it were UTC. */
const wall = (iso: string) => Date.parse(`${iso}Z`);

describe('ZoneRules: transitions read from luxon', () => {
  it.each([
    ['America/New_York', ['2026-03-08T07:00:00.000Z', '2026-11-01T06:00:00.000Z']],
    ['Europe/London', ['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']],
    ['Australia/Sydney', ['2026-04-04T16:00:00.000Z', '2026-10-03T16:00:00.000Z']],
    ['Asia/Kolkata', []],
    ['UTC', []],
  ])('%s changes its clocks at %j in 2026', (zone, expected) => {
    const rules = ZoneRules.of(zone);
    expect(
      rules.transitionsBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).map((t) => new Date(t).toISOString()),
    ).toEqual(expected);
  });

  it(
    'agrees with luxon on the offset at every hour of a year, and far from the first year it learnt',
    { timeout: 300_000 },
    () => {
      let checked = 0;
      for (const zone of [
        'America/New_York',
        'Europe/London',
        'Australia/Sydney',
        'Asia/Kolkata',
        'Australia/Lord_Howe',
      ]) {
        const rules = ZoneRules.of(zone);
        for (const start of [Date.UTC(2026, 0, 1), Date.UTC(2031, 0, 1), Date.UTC(2019, 0, 1)]) {
          for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000 + 60_000) {
            // 130,000 instants: expect() only words a mismatch, so the test stays cheap on a busy machine.
            const expected = DateTime.fromMillis(t, { zone }).offset * 60_000;
            if (rules.offsetAt(t) !== expected)
              expect(rules.offsetAt(t), `${zone} ${new Date(t).toISOString()}`).toBe(expected);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(120_000);
    },
  );

  it('answers far outside the table (years 1900 and 9999) by asking luxon directly', () => {
    const rules = ZoneRules.of('Europe/Paris');
    for (const iso of ['1900-06-01T12:00:00Z', '9999-06-01T12:00:00Z']) {
      const t = Date.parse(iso);
      expect(rules.offsetAt(t)).toBe(DateTime.fromMillis(t, { zone: 'Europe/Paris' }).offset * 60_000);
      expect(rules.instantOf(rules.wallAt(t))).toBe(t);
    }
  });

  it('refuses unknown zones', () => {
    expect(ZoneRules.isValid('Mars/Olympus')).toBe(false);
    expect(() => ZoneRules.of('Mars/Olympus')).toThrow(/Unknown time zone/);
  });
});

describe('instantOf: the first instant whose wall clock reaches a reading', () => {
  it.each([
    // zone, wall reading, instant
    ['America/New_York', '2026-01-15T09:00', '2026-01-15T14:00:00.000Z'],
    ['America/New_York', '2026-03-08T01:59', '2026-03-08T06:59:00.000Z'],
    ['America/New_York', '2026-03-08T02:00', '2026-03-08T07:00:00.000Z'], // in the gap: when the clocks jump
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08T03:00', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08T03:30', '2026-03-08T07:30:00.000Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'], // repeated hour: first time round
    ['America/New_York', '2026-11-01T02:00', '2026-11-01T07:00:00.000Z'],
    ['Europe/London', '2026-03-29T01:30', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-10-25T01:30', '2026-10-25T00:30:00.000Z'],
    ['Australia/Sydney', '2026-10-04T02:30', '2026-10-03T16:00:00.000Z'],
    ['Australia/Sydney', '2026-04-05T02:30', '2026-04-04T15:30:00.000Z'],
    ['Asia/Kolkata', '2026-06-01T00:00', '2026-05-31T18:30:00.000Z'],
  ])('%s %s → %s', (zone, reading, instant) => {
    expect(new Date(ZoneRules.of(zone).instantOf(wall(reading))).toISOString()).toBe(instant);
  });
});

describe('effectiveWallAt: the latest reading reached, which never goes back', () => {
  it('stays just below 02:00 through the repeated hour in New York, then runs on', () => {
    const rules = ZoneRules.of('America/New_York');
    const read = (iso: string) => new Date(rules.effectiveWallAt(Date.parse(iso))).toISOString().slice(0, 23);
    expect(read('2026-11-01T05:30:00Z')).toBe('2026-11-01T01:30:00.000');
    expect(read('2026-11-01T06:30:00Z')).toBe('2026-11-01T01:59:59.999'); // 01:30 EST, second time round
    expect(read('2026-11-01T07:00:00Z')).toBe('2026-11-01T02:00:00.000');
    expect(rules.wallAt(Date.parse('2026-11-01T06:30:00Z'))).toBe(wall('2026-11-01T01:30'));
  });
});
