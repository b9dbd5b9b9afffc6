import { describe, expect, it } from 'vitest';
import { isRetryableStatus } from './webhooks.deliver.js';

describe('isRetryableStatus', () => {
  it.each([
    [500, true],
    [502, true],
    [503, true],
    [408, true],
    [429, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
    [422, false],
  ])('%i → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
