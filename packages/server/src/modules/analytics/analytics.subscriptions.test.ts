/** When an emailed report is due: the day and time of the month after, in the subscription's zone, across DST. */
import { describe, expect, it } from 'vitest';
import { nextPeriod, periodAfter, sendInstantOf } from './analytics.subscriptions.js';

const paris = { day_of_month: 1, send_time: '08:00', time_zone: 'Europe/Paris' };

describe('sendInstantOf', () => {
  it.each([
    ['2026-11', paris, '2026-12-01T07:00:00.000Z'], // CET
    ['2027-03', paris, '2027-04-01T06:00:00.000Z'], // CEST
    ['2026-12', { ...paris, day_of_month: 28, send_time: '23:59' }, '2027-01-28T22:59:00.000Z'],
    // 02:30 does not exist in New York on 2027-03-14: luxon moves it on an hour (03:30 EDT).
    ['2027-02', { day_of_month: 14, send_time: '02:30', time_zone: 'America/New_York' }, '2027-03-14T07:30:00.000Z'],
  ])('the report of %s is sent at the instant expected', (month, schedule, expected) => {
    expect(sendInstantOf(month, schedule).toISOString()).toBe(expected);
  });
});

describe('nextPeriod', () => {
  it('is last month while this month’s instant is ahead, else this month', () => {
    expect(nextPeriod(new Date('2026-12-01T06:59:00Z'), paris).month).toBe('2026-11');
    expect(nextPeriod(new Date('2026-12-01T07:00:00Z'), paris).month).toBe('2026-12');
    // 00:30 on 1 December in Paris is still 30 November in UTC: the zone decides.
    expect(nextPeriod(new Date('2026-11-30T23:30:00Z'), paris)).toEqual({
      month: '2026-11',
      sendAt: new Date('2026-12-01T07:00:00Z'),
    });
  });

  it('never goes back before a month not sent yet, and the period after follows', () => {
    expect(nextPeriod(new Date('2026-12-20T00:00:00Z'), paris, '2027-01').month).toBe('2027-01');
    expect(periodAfter('2026-12', paris)).toEqual({ month: '2027-01', sendAt: new Date('2027-02-01T07:00:00Z') });
  });
});
