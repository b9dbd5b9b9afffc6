/**
 * What a provider throws when the vendor refuses or cannot be reached: the
 * vendor's own explanation as the message (it ends up on the incident
 * timeline), plus its status and code when it gave them.
 */
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import { PrivateDestinationError, privateLiteral, publicOnlyDispatcher } from '../../../lib/outbound-address.js';

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

const PRIVATE_REFUSAL = 'Tocsin does not send webhooks into its own network';

const privateMessage = (why: string) =>
  `${PRIVATE_REFUSAL}: ${why}. An operator can allow it with TOCSIN_WEBHOOKS_ALLOW_PRIVATE=true`;

/** Whether `error` is the outbound-address guard refusing the destination: final, not worth a retry. */
export const isPrivateRefusal = (error: unknown): boolean =>
  error instanceof ProviderError && error.message.startsWith(PRIVATE_REFUSAL);

/** Connections for user-chosen URLs: a host name resolving to a private address is refused where the connection is made. */
let guarded: Dispatcher | undefined;

/**
 * How a user-chosen URL is fetched: refused at once when it is a private
 * literal address, else through the dispatcher that checks the addresses it
 * connects to, unless the operator allowed private destinations.
 */
export function userChosenDestination(
  provider: string,
  url: string,
  allowPrivate: boolean,
): { dispatcher?: Dispatcher } {
  if (allowPrivate) return {};
  const why = privateLiteral(url);
  if (why) throw new ProviderError(provider, privateMessage(why));
  guarded ??= publicOnlyDispatcher();
  return { dispatcher: guarded };
}

function privateCause(error: unknown): PrivateDestinationError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof PrivateDestinationError) return e;
  return undefined;
}

/**
 * fetch with a deadline; network failures and timeouts become ProviderErrors
 * that say which. With a dispatcher (`userChosenDestination`), the request
 * goes through it.
 */
export async function fetchWithTimeout(
  provider: string,
  what: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  options: { dispatcher?: Dispatcher } = {},
): Promise<Response> {
  try {
    const request = { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' as const };
    if (!options.dispatcher) return await fetch(url, request);
    return (await undiciFetch(url, { ...(request as object), dispatcher: options.dispatcher })) as unknown as Response;
  } catch (error) {
    const refused = privateCause(error);
    if (refused) throw new ProviderError(provider, privateMessage(refused.message));
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
    timer = setTimeout(
      () => reject(new ProviderError(provider, `${what} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
