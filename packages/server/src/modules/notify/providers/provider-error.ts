/**
 * What a provider throws when the vendor refuses or cannot be reached: the
 * vendor's own explanation as the message (it ends up on the incident
 * timeline), plus its status and code when it gave them.
 */
import { privateDestination } from '../../../lib/outbound-address.js';

export class ProviderError extends Error {
  constructor(
    readonly provider: string,
    message: string,
    readonly details: { status?: number; vendorCode?: string | number } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/**
 * Refuses a user-chosen URL inside Tocsin's own network unless the operator
 * allowed it. A name that does not resolve is left to the request to report.
 */
export async function refusePrivateDestination(provider: string, url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const why = await privateDestination(url).catch(() => undefined);
  if (why) {
    throw new ProviderError(provider, `Tocsin does not send webhooks into its own network: ${why}. An operator can allow it with TOCSIN_WEBHOOKS_ALLOW_PRIVATE=true`);
  }
}

/** fetch with a deadline; network failures and timeouts become ProviderErrors that say which. */
export async function fetchWithTimeout(provider: string, what: string, url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const err = error as Error;
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new ProviderError(provider, `${what} did not answer within ${timeoutMs} ms`);
    }
    const cause = (err.cause as Error | undefined)?.message ?? err.message;
    throw new ProviderError(provider, `${what} could not be reached: ${cause}`);
  }
}

/** Races a promise against a deadline (for clients that are not fetch). */
export function withDeadline<T>(provider: string, what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderError(provider, `${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
