/** How a service's business hours and urgency rules read on its page. */
import { describe, expect, it } from 'vitest';
import { describeBusinessHours, describeDays, describeUrgencyRule } from './service-labels';

describe('describeDays', () => {
  it.each<[number[], string]>([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[1, 2, 3, 4, 5, 7], 'Mon–Fri, Sun'],
    [[6, 7], 'Sat, Sun'],
    [[3, 1], 'Mon, Wed'],
    [[1, 2, 3, 4, 5, 6, 7], 'Mon–Sun'],
  ])('%j reads %s', (days, expected) => {
    expect(describeDays(days)).toBe(expected);
  });
});

describe('describeBusinessHours', () => {
  it.each([
    ['always', null, 'Always: low urgency pages at any hour'],
    ['office hours', { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }, 'Mon–Fri 09:00–17:30'],
    ['night shift', { days: [1, 2, 3, 4, 5], start: '22:00', end: '06:00' }, 'Mon–Fri 22:00–06:00 (into the next day)'],
    ['whole days', { days: [6, 7], start: '00:00', end: '00:00' }, 'Sat, Sun, all day'],
  ])('%s', (_name, hours, expected) => {
    expect(describeBusinessHours(hours)).toBe(expected);
  });
});

describe('describeUrgencyRule', () => {
  it.each([
    [
      'one severity',
      { when: { severity: ['critical' as const] }, urgency: 'high' as const, priority: 'P1' as const },
      0,
      'Critical: high urgency, P1',
    ],
    [
      'two severities',
      { when: { severity: ['warning' as const, 'info' as const] }, urgency: 'low' as const, priority: null },
      1,
      'Warning or info: low urgency, no priority',
    ],
    [
      'catch-all after others',
      { urgency: 'low' as const, priority: 'P4' as const },
      3,
      'Any other alert: low urgency, P4',
    ],
    ['catch-all alone', { urgency: 'high' as const, priority: null }, 0, 'Every alert: high urgency, no priority'],
  ])('%s', (_name, rule, index, expected) => {
    expect(describeUrgencyRule(rule, index)).toBe(expected);
  });
});
