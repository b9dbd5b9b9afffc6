import { describe, expect, it } from 'vitest';
import { addDays, isDate, mondayOf, parseView, rangeLabel, rangeOf, stepDate } from './schedule-range';

describe('schedule ranges', () => {
  it('a week runs Monday to Sunday; a month is its calendar days; two weeks start on the day', () => {
    expect(rangeOf('week', '2026-01-08')).toEqual({ start: '2026-01-05', days: 7 });
    expect(rangeOf('week', '2026-01-05')).toEqual({ start: '2026-01-05', days: 7 });
    expect(rangeOf('week', '2026-01-11')).toEqual({ start: '2026-01-05', days: 7 });
    expect(rangeOf('month', '2026-02-17')).toEqual({ start: '2026-02-01', days: 28 });
    expect(rangeOf('month', '2028-02-03')).toEqual({ start: '2028-02-01', days: 29 });
    expect(rangeOf('fortnight', '2026-03-30')).toEqual({ start: '2026-03-30', days: 14 });
  });

  it('pages by a whole view, across month and year ends', () => {
    expect(stepDate('week', '2026-01-08', 1)).toBe('2026-01-12');
    expect(stepDate('week', '2026-01-01', -1)).toBe('2025-12-22');
    expect(stepDate('fortnight', '2026-12-25', 1)).toBe('2027-01-08');
    expect(stepDate('month', '2026-01-31', 1)).toBe('2026-02-01');
    expect(stepDate('month', '2026-01-15', -1)).toBe('2025-12-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
  });

  it('names the range in words', () => {
    expect(rangeLabel('week', '2026-01-08')).toBe('5 – 11 Jan 2026');
    expect(rangeLabel('week', '2026-01-29')).toBe('26 Jan – 1 Feb 2026');
    expect(rangeLabel('week', '2025-12-31')).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(rangeLabel('month', '2026-07-04')).toBe('July 2026');
    expect(rangeLabel('fortnight', '2026-01-05')).toBe('5 – 18 Jan 2026');
  });

  it('reads the address: a real date, and a known view or the default', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2026-02-30')).toBe(false);
    expect(isDate('yesterday')).toBe(false);
    expect(isDate(null)).toBe(false);
    expect(parseView('month')).toBe('month');
    expect(parseView('year')).toBe('fortnight');
    expect(parseView(null)).toBe('fortnight');
  });
});
