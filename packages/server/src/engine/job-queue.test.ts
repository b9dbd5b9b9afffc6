import { describe, expect, it } from 'vitest';
import { backoffMs } from './job-queue.js';

describe('backoffMs', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [9, 2_560_000],
    [10, 3_600_000],
    [50, 3_600_000],
  ])('attempt %i waits %i ms', (attempt, expected) => {
    expect(backoffMs(attempt)).toBe(expected);
  });
});
