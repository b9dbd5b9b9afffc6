import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const now = new Date('2026-12-06T12:00:00Z');
const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MIN = 60_000;

describe('formatRelative', () => {
  it.each([
    [before(10_000), 'just now'],
    [before(MIN), '1 min ago'],
    [before(3 * MIN + 59_000), '3 min ago'],
    [before(59 * MIN), '59 min ago'],
    [before(60 * MIN), '1 h ago'],
    [before(95 * MIN), '1 h 35 min ago'],
    [before(7 * 60 * MIN + 5 * MIN), '7 h ago'],
    [before(25 * 60 * MIN), 'yesterday'],
    [before(3 * 24 * 60 * MIN), '3 days ago'],
    [before(-10 * MIN), 'in 10 min'],
    [before(-3 * 60 * MIN), 'in 3 h'],
    ['not a time', 'not a time'],
  ])('%s reads %s', (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});
