/**
 * What a provider throws when the vendor refuses or cannot be reached: the
 * vendor's own explanation as the message (it ends up on the incident
 * timeline), plus its status and code when it gave them.
 */
import { STATUS_CODES } from 'node:http';
import { request, type Dispatcher } from 'undici';
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

/** What a vendor answered: the parts of a fetch Response that providers read, with the body already read. */
export interface ProviderResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** What a provider sends: a fetch-like subset (the body a string or a form). */
export interface ProviderRequest {
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string | URLSearchParams | Uint8Array;
}

/** A vendor's answer is read up to this much; the rest is dropped (they answer a few KiB at most). */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * An HTTP request to a vendor with a deadline for the whole exchange (the
 * answer's body included), through undici's own client rather than fetch:
 * the same keep-alive connections at about a third of fetch's CPU per call
 * (no web streams, no Request and Response objects; ADR 35). Redirects are
 * refused, as with fetch's redirect: 'error'. Network failures and timeouts
 * become ProviderErrors that say which. With a dispatcher
 * (`userChosenDestination`), the request goes through it.
 */
export async function fetchWithTimeout(
  provider: string,
  what: string,
  url: string,
  init: ProviderRequest,
  timeoutMs: number,
  options: { dispatcher?: Dispatcher } = {},
): Promise<ProviderResponse> {
  let answer: ProviderResponse;
  try {
    const response = await request(url, {
      method: init.method ?? 'GET',
      headers: init.headers ?? {},
      body: init.body instanceof URLSearchParams ? init.body.toString() : init.body,
      signal: AbortSignal.timeout(timeoutMs),
      ...(options.dispatcher && { dispatcher: options.dispatcher }),
    });
    const text = await readCapped(response.body);
    const headers = response.headers;
    answer = {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      headers: {
        get: (name) => {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
      },
      text: () => Promise.resolve(text),
    };
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
  if (answer.status >= 300 && answer.status < 400)
    throw new ProviderError(
      provider,
      `${what} could not be reached: it answered with a redirect (HTTP ${answer.status}), which Tocsin does not follow`,
    );
  return answer;
}

/** The body as text, up to MAX_ANSWER_BYTES; the rest is not read (the connection is closed). */
async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    const room = MAX_ANSWER_BYTES - size;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.length, room);
    if (size >= MAX_ANSWER_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks, size).toString('utf8');
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
