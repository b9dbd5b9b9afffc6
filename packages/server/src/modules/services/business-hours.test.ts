import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, nextBusinessStart } from './business-hours.js';
import { decideUrgency } from './urgency.js';
import { DEFAULT_URGENCY_RULES } from './services.types.js';

const weekdays = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('isWithinBusinessHours', () => {
  it.each([
    ['Europe/London', '2026-03-02T08:59:00Z', false], // Monday 08:59 GMT
    ['Europe/London', '2026-03-02T09:00:00Z', true],
    ['Europe/London', '2026-03-02T16:59:00Z', true],
    ['Europe/London', '2026-03-02T17:00:00Z', false],
    ['Europe/London', '2026-03-07T12:00:00Z', false], // Saturday
    ['Europe/London', '2026-03-30T08:30:00Z', true], // Monday after the clocks went forward: 09:30 BST
    ['America/New_York', '2026-03-02T13:59:00Z', false], // 08:59 EST
    ['America/New_York', '2026-03-02T14:00:00Z', true],
    ['Asia/Kolkata', '2026-03-02T03:30:00Z', true], // 09:00 IST
  ])('%s at %s: %s', (zone, at, expected) => {
    expect(isWithinBusinessHours(weekdays, zone, new Date(at))).toBe(expected);
  });

  it('is always true with no business hours', () => {
    expect(isWithinBusinessHours(null, 'UTC', new Date('2026-03-07T03:00:00Z'))).toBe(true);
  });

  it('handles hours that cross midnight, owned by the day they start on', () => {
    const nights = { days: [5], start: '22:00', end: '06:00' }; // Friday night
    expect(isWithinBusinessHours(nights, 'UTC', new Date('2026-03-06T23:00:00Z'))).toBe(true); // Fri 23:00
    expect(isWithinBusinessHours(nights, 'UTC', new Date('2026-03-07T05:59:00Z'))).toBe(true); // Sat 05:59
    expect(isWithinBusinessHours(nights, 'UTC', new Date('2026-03-07T23:00:00Z'))).toBe(false); // Sat 23:00
  });
});

describe('nextBusinessStart', () => {
  it.each([
    ['inside: now', 'Europe/London', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00.000Z'],
    ['Friday evening → Monday 09:00', 'Europe/London', '2026-03-06T18:00:00Z', '2026-03-09T09:00:00.000Z'],
    ['before opening → same day', 'Europe/London', '2026-03-03T06:00:00Z', '2026-03-03T09:00:00.000Z'],
    ['across the spring DST change', 'Europe/London', '2026-03-27T18:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['New York, Friday night', 'America/New_York', '2026-11-06T23:00:00Z', '2026-11-09T14:00:00.000Z'],
    ['Sydney, Saturday', 'Australia/Sydney', '2026-04-04T00:00:00Z', '2026-04-05T23:00:00.000Z'],
  ])('%s', (_name, zone, at, expected) => {
    expect(nextBusinessStart(weekdays, zone, new Date(at)).toISOString()).toBe(expected);
  });
});

describe('decideUrgency', () => {
  it.each([
    ['critical', 'high', 'P1'],
    ['error', 'high', 'P2'],
    ['warning', 'low', 'P3'],
    ['info', 'low', 'P4'],
  ] as const)('default rules: %s → %s %s', (severity, urgency, priority) => {
    expect(decideUrgency(DEFAULT_URGENCY_RULES, { severity })).toEqual({ urgency, priority });
  });

  it('pages when no rule matches', () => {
    expect(
      decideUrgency([{ when: { severity: ['info'] }, urgency: 'low', priority: 'P5' }], { severity: 'critical' }),
    ).toEqual({ urgency: 'high', priority: null });
  });
});
