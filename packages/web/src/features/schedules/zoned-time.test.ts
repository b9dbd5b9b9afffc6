/** Wall-clock conversions on a schedule's clock, including the days the clocks change. */
import { describe, expect, it } from 'vitest';
import { instantToZoned, startOfDay, zonedToInstant } from './zoned-time';

describe('zoned time', () => {
  it('reads a local time in the zone as the right instant, summer and winter', () => {
    expect(zonedToInstant('2026-07-01T09:00', 'Europe/London').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zonedToInstant('2026-01-05T09:00', 'Europe/London').toISOString()).toBe('2026-01-05T09:00:00.000Z');
    expect(zonedToInstant('2026-03-01T09:00', 'America/New_York').toISOString()).toBe('2026-03-01T14:00:00.000Z');
    expect(zonedToInstant('2026-03-01T09:00', 'Asia/Kolkata').toISOString()).toBe('2026-03-01T03:30:00.000Z');
  });

  it('round-trips an instant to the local wall clock', () => {
    expect(instantToZoned(new Date('2026-07-01T08:00:00Z'), 'Europe/London')).toBe('2026-07-01T09:00');
    expect(instantToZoned(new Date('2026-07-01T23:30:00Z'), 'Australia/Sydney')).toBe('2026-07-02T09:30');
  });

  it('finds local midnight, also on the day the clocks go forward', () => {
    expect(startOfDay(new Date('2026-03-29T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
    expect(startOfDay(new Date('2026-03-30T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-03-29T23:00:00.000Z',
    );
    expect(startOfDay(new Date('2026-03-08T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
  });
});
