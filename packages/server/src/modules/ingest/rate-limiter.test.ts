import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import { createRateLimiter } from './rate-limiter.js';

describe('rate limiter', () => {
  it('lets a minute of events through in a burst, then refuses with a retry time, then refills', () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerMinute: 60, clock });
    for (let i = 0; i < 60; i++) expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('other').ok).toBe(true); // per key
    clock.advance(1_000);
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').ok).toBe(false);
    clock.advanceMinutes(5);
    for (let i = 0; i < 60; i++) expect(limiter.take('k').ok).toBe(true); // never more than a minute's worth
    expect(limiter.take('k').ok).toBe(false);
  });

  it('lets a batch bigger than the bucket through when it is full, and makes the key pay it back', () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerMinute: 10, clock });
    expect(limiter.take('k', 25).ok).toBe(true);
    const refused = limiter.take('k');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? 0 : refused.retryAfterSeconds).toBe(96); // 15 tokens of debt + 1, at 10 per minute
  });

  it('forgets the least recently used key when it holds too many', () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerMinute: 1, clock, maxKeys: 2 });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('b').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(true); // evicts a
    expect(limiter.take('a').ok).toBe(true); // a starts afresh
    expect(limiter.take('c').ok).toBe(false);
  });
});
