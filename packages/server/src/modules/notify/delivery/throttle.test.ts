import { describe, expect, it } from 'vitest';
import { bundleAt, isThrottled, windowStart } from './throttle.js';

const settings = { maxPerWindow: 3, windowMinutes: 5 };

describe('throttle', () => {
  it.each([
    [0, false],
    [2, false],
    [3, true],
    [40, true],
  ])('%i recent sends → throttled %s', (sends, throttled) => {
    expect(isThrottled(sends, settings)).toBe(throttled);
  });

  it.each([
    ['2026-01-05T09:00:00.000Z', '2026-01-05T09:05:00.000Z'],
    ['2026-01-05T09:04:59.999Z', '2026-01-05T09:05:00.000Z'],
    ['2026-01-05T09:05:00.000Z', '2026-01-05T09:10:00.000Z'],
    ['2026-01-05T23:58:00.000Z', '2026-01-06T00:00:00.000Z'],
  ])('pages held at %s are bundled at %s', (now, at) => {
    expect(bundleAt(new Date(now), settings).toISOString()).toBe(at);
  });

  it('counts sends over the last window', () => {
    expect(windowStart(new Date('2026-01-05T09:07:00Z'), settings).toISOString()).toBe('2026-01-05T09:02:00.000Z');
  });
});
