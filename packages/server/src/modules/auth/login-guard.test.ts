/** LoginGuard: which attempts wait after which failures. */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.js';
import {
  FAILED_LOGIN_WINDOW_MS,
  LoginGuard,
  MAX_FAILED_LOGINS_PER_ACCOUNT,
  MAX_FAILED_LOGINS_PER_ADDRESS,
  type LoginAttempt,
} from './login-guard.js';

const stranger: LoginAttempt = { email: 'Owner@example.com', address: '192.0.2.66', device: undefined };
const ownerBrowser: LoginAttempt = { email: 'owner@example.com', address: '198.51.100.20', device: 'mark-1' };

function guarded(failures: Array<[LoginAttempt, number]>): { guard: LoginGuard; clock: FakeClock } {
  const clock = new FakeClock();
  const guard = new LoginGuard(clock);
  for (const [attempt, times] of failures) for (let i = 0; i < times; i++) guard.failed(attempt);
  return { guard, clock };
}

describe('LoginGuard', () => {
  it.each<[string, Array<[LoginAttempt, number]>, LoginAttempt, 'address' | 'account' | 'device' | undefined]>([
    ['a few failures hold nobody back', [[stranger, MAX_FAILED_LOGINS_PER_ACCOUNT - 1]], stranger, undefined],
    [
      "an account's failures hold back strangers to it",
      [[stranger, MAX_FAILED_LOGINS_PER_ACCOUNT]],
      { ...stranger, address: '203.0.113.1' },
      'account',
    ],
    [
      "an account's failures do not hold back its known browser",
      [[stranger, MAX_FAILED_LOGINS_PER_ACCOUNT + 5]],
      ownerBrowser,
      undefined,
    ],
    [
      "a known browser's failures hold back that browser",
      [[ownerBrowser, MAX_FAILED_LOGINS_PER_ACCOUNT]],
      ownerBrowser,
      'device',
    ],
    [
      "a known browser's failures do not hold back another",
      [[ownerBrowser, MAX_FAILED_LOGINS_PER_ACCOUNT]],
      { ...ownerBrowser, device: 'mark-2' },
      undefined,
    ],
    [
      "an address's failures hold back everyone there, known browsers too",
      [[{ ...stranger, email: 'x@example.com', address: ownerBrowser.address }, MAX_FAILED_LOGINS_PER_ADDRESS]],
      ownerBrowser,
      'address',
    ],
  ])('%s', (_name, failures, attempt, reason) => {
    const { guard } = guarded(failures);
    expect(guard.wait(attempt)?.reason).toBe(reason);
  });

  it('lets strangers try again once the window has passed', () => {
    const { guard, clock } = guarded([[stranger, MAX_FAILED_LOGINS_PER_ACCOUNT]]);
    expect(guard.wait(stranger)?.ms).toBe(FAILED_LOGIN_WINDOW_MS);
    clock.advance(FAILED_LOGIN_WINDOW_MS);
    expect(guard.wait(stranger)).toBeUndefined();
  });

  it("keeps strangers held back when the owner's known browser signs in", () => {
    const { guard } = guarded([[stranger, MAX_FAILED_LOGINS_PER_ACCOUNT]]);
    guard.succeeded(ownerBrowser);
    expect(guard.wait(stranger)?.reason).toBe('account');
  });
});
