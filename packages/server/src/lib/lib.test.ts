import { describe, expect, it } from 'vitest';
import { roleAtLeast, scopeAllows } from './actor.js';
import { FakeClock } from './clock.js';
import { hashSecret, isUuid, newId, newSecret, safeEqual } from './ids.js';

describe('FakeClock', () => {
  it('moves only when told, and tells listeners', () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    let jumps = 0;
    const off = clock.onJump(() => jumps++);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advanceMinutes(15);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:15:00.000Z');
    clock.set('2026-01-02T00:00:00Z');
    expect(jumps).toBe(2);
    off();
    clock.advance(1);
    expect(jumps).toBe(2);
    expect(() => clock.advance(-1)).toThrow(/backwards/);
  });
});

describe('ids and secrets', () => {
  it('makes time-ordered UUIDv7 ids', () => {
    const a = newId(new Date('2026-01-01T00:00:00Z'));
    const b = newId(new Date('2026-01-01T00:00:01Z'));
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('7');
    expect('89ab').toContain(a[19]);
    expect(a < b).toBe(true);
    // The first 48 bits are the instant's milliseconds; the rest is random.
    expect(a.slice(0, 13)).toBe(
      `${(1767225600000).toString(16).padStart(12, '0').slice(0, 8)}-${(1767225600000).toString(16).padStart(12, '0').slice(8)}`,
    );
    const sameInstant = new Set(Array.from({ length: 1000 }, () => newId(new Date('2026-01-01T00:00:00Z'))));
    expect(sameInstant.size).toBe(1000);
  });

  it('makes prefixed secrets and hashes them', () => {
    const secret = newSecret('tcs');
    expect(secret).toMatch(/^tcs_[A-Za-z0-9_-]{43}$/);
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(secret)).not.toBe(hashSecret(newSecret('tcs')));
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('roles and scopes', () => {
  it.each([
    ['owner', 'admin', true],
    ['admin', 'admin', true],
    ['responder', 'admin', false],
    ['viewer', 'responder', false],
    ['stakeholder', 'viewer', false],
  ] as const)('%s at least %s: %s', (role, minimum, expected) => {
    expect(roleAtLeast(role, minimum)).toBe(expected);
  });

  it.each([
    [['read'], 'read', true],
    [['read'], 'write', false],
    [['write'], 'read', true],
    [['admin'], 'write', true],
    [['write'], 'admin', false],
  ] as const)('scopes %j allow %s: %s', (scopes, needed, expected) => {
    expect(scopeAllows(scopes, needed)).toBe(expected);
  });
});

describe('FailureLimiter', () => {
  it('blocks a key after the limit within the window, and frees it as failures age out', async () => {
    const { FailureLimiter } = await import('./failure-limiter.js');
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const limiter = new FailureLimiter(clock, 3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a')).toBe(0);
      limiter.recordFailure('a');
      clock.advance(10_000);
    }
    expect(limiter.retryAfterMs('a')).toBe(30_000); // the first failure ages out 60 s after it happened
    expect(limiter.retryAfterMs('b')).toBe(0);
    clock.advance(30_000);
    expect(limiter.retryAfterMs('a')).toBe(0);
    limiter.recordFailure('a');
    limiter.reset('a');
    expect(limiter.retryAfterMs('a')).toBe(0);
  });
});
