/**
 * Sign-up rate limits, in memory per node (a cluster of N nodes allows N
 * times these): per client address, so one source cannot mail many
 * strangers, and per email address, so nobody can flood one mailbox with
 * confirmation mails. Every attempt counts, whatever the address's state, so
 * the limit itself tells nothing about who is subscribed.
 */
import { AppError } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';
import { FailureLimiter } from '../../lib/failure-limiter.js';

export const SIGN_UPS_PER_CLIENT_PER_HOUR = 10;
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export class SignUpLimits {
  private readonly byClient: FailureLimiter;
  private readonly byAddress: FailureLimiter;

  constructor(clock: Clock) {
    this.byClient = new FailureLimiter(clock, SIGN_UPS_PER_CLIENT_PER_HOUR, HOUR_MS);
    this.byAddress = new FailureLimiter(clock, SIGN_UPS_PER_ADDRESS_PER_HOUR, HOUR_MS);
  }

  /** Counts one sign-up from `client` for `email` (lower case), or throws rate_limited saying when to retry. */
  take(client: string, email: string | undefined): void {
    const clientWait = this.byClient.retryAfterMs(client);
    if (clientWait > 0)
      throw new AppError(
        'rate_limited',
        `Too many subscription requests from your network: try again in ${minutes(clientWait)} minutes.`,
        { details: { retryAfterSeconds: Math.ceil(clientWait / 1000) } },
      );
    this.byClient.recordFailure(client);
    if (!email) return;
    const key = email.trim().toLowerCase();
    const addressWait = this.byAddress.retryAfterMs(key);
    if (addressWait > 0)
      throw new AppError(
        'rate_limited',
        `Too many subscription requests for this address: try again in ${minutes(addressWait)} minutes.`,
        { details: { retryAfterSeconds: Math.ceil(addressWait / 1000) } },
      );
    this.byAddress.recordFailure(key);
  }
}
