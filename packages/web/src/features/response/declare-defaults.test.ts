import { describe, expect, it } from 'vitest';
import type { Severity } from './response.types';
import { defaultPageFor, defaultStepsFor } from './declare-defaults';

const severity = (changes: Partial<Severity>): Severity => ({
  key: 'S3',
  name: 'Minor',
  description: '',
  engagesImoc: false,
  investigatingMinutes: null,
  unacknowledgedMinutes: null,
  troubleshootMinutes: null,
  updateMinutes: null,
  detailedStatusReviewMinutes: null,
  defaultSteps: {},
  updatedAt: '2026-12-06T00:00:00Z',
  ...changes,
});

describe('defaultPageFor', () => {
  it.each([
    ['S1', false, 'eoc'],
    ['S2', false, 'eoc'],
    ['S3', false, 'none'],
    ['S4', false, 'none'],
    ['S1', true, 'none'],
  ] as const)('%s (near miss: %s) pages %s', (key, isNearMiss, expected) => {
    expect(defaultPageFor(key, isNearMiss)).toBe(expected);
  });
});

describe('defaultStepsFor', () => {
  it('follows the severity: its default steps, and page IMOC when it engages the IMOC anyway', () => {
    expect(defaultStepsFor(severity({}))).toEqual({ pageImoc: false, pageCmoc: false });
    expect(defaultStepsFor(severity({ defaultSteps: { pageCmoc: true } }))).toEqual({
      pageImoc: false,
      pageCmoc: true,
    });
    expect(defaultStepsFor(severity({ engagesImoc: true }))).toEqual({ pageImoc: true, pageCmoc: false });
  });

  it('ticks nothing while the severities are not loaded', () => {
    expect(defaultStepsFor(undefined)).toEqual({ pageImoc: false, pageCmoc: false });
  });
});
