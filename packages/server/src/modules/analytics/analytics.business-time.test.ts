import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, dueAt } from './analytics.business-time.js';

const weekdays = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('addBusinessMinutes', () => {
  it.each([
    // Friday 16:00 Paris + 8 business hours: 1 h on Friday, 7 h on Monday → Monday 16:00 Paris (15:00Z).
    [
      'Friday afternoon rolls over the weekend',
      'Europe/Paris',
      '2026-11-06T15:00:00Z',
      480,
      '2026-11-09T15:00:00.000Z',
    ],
    // Saturday: the clock starts Monday 09:00 local.
    ['a weekend start waits for Monday', 'Europe/Paris', '2026-11-07T10:00:00Z', 60, '2026-11-09T09:00:00.000Z'],
    // Inside one day.
    ['inside one day', 'UTC', '2026-11-02T09:30:00Z', 90, '2026-11-02T11:00:00.000Z'],
    // Ending exactly at closing time stays on that day.
    ['ending at closing time', 'UTC', '2026-11-02T09:00:00Z', 480, '2026-11-02T17:00:00.000Z'],
    // DST: New York falls back on Sunday 2026-11-01. Friday 16:00 EDT (20:00Z) + 2 h → Monday 10:00 EST (15:00Z).
    ['across the fall-back DST change', 'America/New_York', '2026-10-30T20:00:00Z', 120, '2026-11-02T15:00:00.000Z'],
    // DST: Paris springs forward on Sunday 2026-03-29. Friday 16:00 CET (15:00Z) + 2 h → Monday 10:00 CEST (08:00Z).
    ['across the spring-forward DST change', 'Europe/Paris', '2026-03-27T15:00:00Z', 120, '2026-03-30T08:00:00.000Z'],
  ])('%s', (_name, zone, start, minutes, expected) => {
    expect(addBusinessMinutes(weekdays, zone, new Date(start), minutes)?.toISOString()).toBe(expected);
  });

  it('counts whole business days (start = end) to local midnight', () => {
    const weekendsOff = { days: [1, 2, 3, 4, 5], start: '00:00', end: '00:00' };
    // Friday 20:00 UTC + 5 h: 4 h left on Friday, then Monday 00:00 + 1 h.
    expect(addBusinessMinutes(weekendsOff, 'UTC', new Date('2026-11-06T20:00:00Z'), 300)?.toISOString()).toBe(
      '2026-11-09T01:00:00.000Z',
    );
  });

  it('follows hours that cross midnight', () => {
    const nights = { days: [5], start: '22:00', end: '06:00' };
    // Friday 23:00 + 8 h: 7 h until Saturday 06:00, then next Friday 22:00 + 1 h.
    expect(addBusinessMinutes(nights, 'UTC', new Date('2026-11-06T23:00:00Z'), 480)?.toISOString()).toBe(
      '2026-11-13T23:00:00.000Z',
    );
  });

  it('is wall time without business hours, and never due with no business day', () => {
    expect(addBusinessMinutes(null, 'UTC', new Date('2026-11-07T10:00:00Z'), 60)?.toISOString()).toBe(
      '2026-11-07T11:00:00.000Z',
    );
    expect(addBusinessMinutes({ days: [], start: '09:00', end: '17:00' }, 'UTC', new Date(), 60)).toBeNull();
  });
});

describe('dueAt', () => {
  const service = { businessHours: weekdays, timeZone: 'UTC' };
  const saturday = new Date('2026-11-07T10:00:00Z');
  it('counts wall time unless the target says business hours', () => {
    expect(dueAt({ minutes: 15, businessHours: false }, service, saturday)?.toISOString()).toBe(
      '2026-11-07T10:15:00.000Z',
    );
    expect(dueAt({ minutes: 15, businessHours: true }, service, saturday)?.toISOString()).toBe(
      '2026-11-09T09:15:00.000Z',
    );
    expect(dueAt({ minutes: null, businessHours: true }, service, saturday)).toBeNull();
  });
});
