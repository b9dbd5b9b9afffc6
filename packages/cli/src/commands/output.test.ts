import { describe, expect, it } from 'vitest';
import { countOf } from './output.js';

describe('countOf', () => {
  it.each([
    [1, 'escalationPolicies', '1 escalation policy'],
    [2, 'escalationPolicies', '2 escalation policies'],
    [0, 'channels', '0 channels'],
    [1, 'users', '1 user'],
  ])('%i %s → %s', (n, key, expected) => {
    expect(countOf(n, key)).toBe(expected);
  });
});
