import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMonths, utcMonth } from './analytics-months';

describe('defaultMonths', () => {
  it.each([
    ['2026-12-06T12:00:00Z', '2026-10', '2026-12'],
    // Across a year: the two months before January are last year's.
    ['2027-01-01T00:00:00Z', '2026-11', '2027-01'],
    ['2027-02-28T23:59:59.999Z', '2026-12', '2027-02'],
    ['2028-02-29T10:00:00Z', '2027-12', '2028-02'],
  ])('at %s: %s to %s', (now, from, to) => {
    expect(defaultMonths(new Date(now))).toEqual({ from, to });
  });

  describe('in a browser whose zone is not UTC', () => {
    const zone = process.env.TZ;
    beforeEach(() => {
      process.env.TZ = 'Pacific/Auckland'; // Node reads TZ again when it is set
    });
    afterEach(() => {
      process.env.TZ = zone;
    });

    it('counts from the UTC date, not the local one', () => {
      // 09:30 on January 1st in Auckland, still December 31st in UTC.
      const now = new Date('2026-12-31T20:30:00Z');
      expect(now.getMonth()).toBe(0); // the zone did change: locally it is January
      expect(defaultMonths(now)).toEqual({ from: '2026-10', to: '2026-12' });
      // 13:00 on June 30th in Honolulu, July 1st in UTC.
      process.env.TZ = 'Pacific/Honolulu';
      const july = new Date('2026-07-01T00:00:00Z');
      expect(july.getMonth()).toBe(5);
      expect(defaultMonths(july)).toEqual({ from: '2026-05', to: '2026-07' });
      expect(utcMonth(july, -1)).toBe('2026-06');
    });
  });
});
