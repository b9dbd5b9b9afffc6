/**
 * How password sign-in is slowed without letting anyone lock an account.
 *
 * - Per address: many failures from one address make it wait, whatever the
 *   account (offices share addresses, so the limit is high).
 * - Per account: failures from browsers the account does not know make
 *   further attempts from unknown browsers wait, with the right password or
 *   not (the check comes before the password is looked at, so a refusal says
 *   nothing about it).
 * - A known browser (known-devices.ts) is not held back by the account's
 *   failures, so the owner still gets in while someone guesses; its own
 *   failures are limited per browser instead.
 *
 * In memory, per node: enough to make guessing slow; a cluster of N nodes
 * allows N times the limits.
 */
import type { Clock } from '../../lib/clock.js';
import { FailureLimiter } from '../../lib/failure-limiter.js';

/** Failed sign-ins allowed in the window per account (from unknown browsers), per known browser, and per address. */
export const MAX_FAILED_LOGINS_PER_ACCOUNT = 10;
export const MAX_FAILED_LOGINS_PER_DEVICE = 10;
export const MAX_FAILED_LOGINS_PER_ADDRESS = 100;
export const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;

export interface LoginAttempt {
  email: string;
  address: string;
  /** The id of the known-device mark the browser holds for this account, if any. */
  device: string | undefined;
}

export interface LoginWait {
  ms: number;
  /** Which limit holds the attempt back. */
  reason: 'address' | 'account' | 'device';
}

export class LoginGuard {
  private readonly byAccount: FailureLimiter;
  private readonly byDevice: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(clock: Clock) {
    this.byAccount = new FailureLimiter(clock, MAX_FAILED_LOGINS_PER_ACCOUNT, FAILED_LOGIN_WINDOW_MS);
    this.byDevice = new FailureLimiter(clock, MAX_FAILED_LOGINS_PER_DEVICE, FAILED_LOGIN_WINDOW_MS);
    this.byAddress = new FailureLimiter(clock, MAX_FAILED_LOGINS_PER_ADDRESS, FAILED_LOGIN_WINDOW_MS);
  }

  /** How long this attempt must wait before it is even checked; undefined when it may go ahead. */
  wait(attempt: LoginAttempt): LoginWait | undefined {
    const address = this.byAddress.retryAfterMs(attempt.address);
    if (address > 0) return { ms: address, reason: 'address' };
    const own =
      attempt.device === undefined
        ? this.byAccount.retryAfterMs(accountKey(attempt))
        : this.byDevice.retryAfterMs(deviceKey(attempt));
    if (own > 0) return { ms: own, reason: attempt.device === undefined ? 'account' : 'device' };
    return undefined;
  }

  failed(attempt: LoginAttempt): void {
    this.byAddress.recordFailure(attempt.address);
    if (attempt.device === undefined) this.byAccount.recordFailure(accountKey(attempt));
    else this.byDevice.recordFailure(deviceKey(attempt));
  }

  /**
   * A known browser's success clears only its own failures: a stranger's
   * failures keep holding the account back for strangers.
   */
  succeeded(attempt: LoginAttempt): void {
    if (attempt.device === undefined) this.byAccount.reset(accountKey(attempt));
    else this.byDevice.reset(deviceKey(attempt));
  }
}

const accountKey = (attempt: LoginAttempt) => attempt.email.toLowerCase();
const deviceKey = (attempt: LoginAttempt) => `${attempt.email.toLowerCase()} ${attempt.device}`;
