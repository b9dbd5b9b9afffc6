import { describe, expect, it } from 'vitest';
import { HISTOGRAM_BUCKETS, HISTOGRAM_COLUMNS, interpolate, planRankRead, ranks } from './analytics.ranks.js';

/** A histogram of `HISTOGRAM_BUCKETS` buckets with these counts in these buckets. */
const histogram = (counts: Record<number, number>) =>
  Array.from({ length: HISTOGRAM_BUCKETS }, (_, bucket) => counts[bucket] ?? 0);

describe('planRankRead', () => {
  it.each([
    // one bucket: from whichever end is nearer
    ['the low end of a bucket', { 5: 10 }, 1, 1, { isAscending: true, bucket: 5, offset: 1, limit: 1 }],
    ['the high end of a bucket', { 5: 10 }, 8, 8, { isAscending: false, bucket: 5, offset: 1, limit: 1 }],
    ['the middle, a tie: upwards', { 5: 10 }, 4, 5, { isAscending: true, bucket: 5, offset: 4, limit: 2 }],
    // the first value of a bucket is read from its floor without skipping
    ['the first of a later bucket', { 0: 3, 7: 4 }, 3, 3, { isAscending: true, bucket: 7, offset: 0, limit: 1 }],
    // the last value of a bucket is read from its ceiling without skipping
    ['the last of an earlier bucket', { 2: 4, 7: 3 }, 3, 3, { isAscending: false, bucket: 2, offset: 0, limit: 1 }],
    // two ranks on either side of a boundary: the read runs on over it
    [
      'ranks straddling buckets, a tie: upwards',
      { 2: 4, 7: 4 },
      3,
      4,
      { isAscending: true, bucket: 2, offset: 3, limit: 2 },
    ],
    [
      'ranks straddling buckets, nearer above',
      { 2: 4, 7: 2 },
      3,
      4,
      { isAscending: false, bucket: 7, offset: 1, limit: 2 },
    ],
    [
      'ranks straddling buckets, nearer below',
      { 2: 2, 7: 9 },
      1,
      2,
      { isAscending: true, bucket: 2, offset: 1, limit: 2 },
    ],
    // empty buckets between count for nothing
    ['across empty buckets', { 1: 1, 20: 1 }, 0, 1, { isAscending: true, bucket: 1, offset: 0, limit: 2 }],
    ['the last bucket', { 24: 5 }, 4, 4, { isAscending: false, bucket: 24, offset: 0, limit: 1 }],
    ['the first bucket', { 0: 5 }, 0, 0, { isAscending: true, bucket: 0, offset: 0, limit: 1 }],
    ['a single value', { 9: 1 }, 0, 0, { isAscending: true, bucket: 9, offset: 0, limit: 1 }],
  ])('%s', (_, counts, low, high, expected) => {
    expect(planRankRead(histogram(counts), low, high)).toEqual(expected);
  });

  it('reads the ranks wanted: replayed on sorted values, each plan lands on them', () => {
    // 0..9 s and powers of two: buckets 0..24 all used, several values per bucket, ties on boundaries.
    const values = [0, 0.5, 1, 1, 2, 3, 4, 4, 4, 7, 8, 9, 64, 64, 65, 127, 128, 2 ** 23, 2 ** 23, 2 ** 24].sort(
      (a, b) => a - b,
    );
    const bucketOf = (v: number) => (v < 1 ? 0 : Math.min(24, Math.floor(Math.log2(v)) + 1));
    const counts = histogram({});
    for (const v of values) counts[bucketOf(v)]!++;
    const floor = (b: number) => (b <= 0 ? -Infinity : b > 24 ? Infinity : 2 ** (b - 1));
    for (let low = 0; low < values.length; low++) {
      for (const high of [low, low + 1].filter((h) => h < values.length)) {
        const plan = planRankRead(counts, low, high);
        const read = plan.isAscending
          ? values.filter((v) => v >= floor(plan.bucket)).slice(plan.offset, plan.offset + plan.limit)
          : values
              .filter((v) => v < floor(plan.bucket + 1))
              .reverse()
              .slice(plan.offset, plan.offset + plan.limit);
        expect([...read].sort((a, b) => a - b)).toEqual(values.slice(low, high + 1));
      }
    }
  });

  it('refuses ranks the histogram does not hold', () => {
    expect(() => planRankRead(histogram({ 3: 2 }), 1, 2)).toThrow(/outside a histogram of 2 values/);
    expect(() => planRankRead(histogram({}), 0, 0)).toThrow(/outside/);
  });
});

describe('ranks and interpolate, as percentile_cont', () => {
  it.each([
    [1, 0.5, { low: 0, high: 0, fraction: 0 }],
    [4, 0.5, { low: 1, high: 2, fraction: 0.5 }],
    [10, 0.9, { low: 8, high: 9, fraction: 0.1 }],
  ])('n=%i p=%f', (n, p, expected) => {
    const r = ranks(n, p);
    expect(r.low).toBe(expected.low);
    expect(r.high).toBe(expected.high);
    expect(r.fraction).toBeCloseTo(expected.fraction, 12);
  });

  it('interpolates between the two values read, whatever order they came in', () => {
    expect(interpolate([30, 10], 0.25)).toBe(15);
    expect(interpolate([10], 0)).toBe(10);
    expect(interpolate(null, 0.5)).toBeNull();
  });
});

it('names 25 histogram columns per clock', () => {
  expect(HISTOGRAM_COLUMNS).toHaveLength(75);
  expect(HISTOGRAM_COLUMNS.slice(0, 2)).toEqual(['tta_h00', 'tta_h01']);
  expect(HISTOGRAM_COLUMNS.at(-1)).toBe('ttr_h24');
});
