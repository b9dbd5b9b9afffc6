/**
 * The Tocsin SDK: a typed client for the public API, generated from the
 * server's OpenAPI document (openapi.json beside this package; regenerate with
 * `npm run openapi`). The CLI and the web UI use it; so can anyone.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { paths, components };
export type TocsinClient = Client<paths>;

export interface ClientOptions {
  /** Base URL of the Tocsin server, e.g. https://tocsin.example.com; '' for same-origin (browser). */
  baseUrl: string;
  /** An API token (tcs_...). Browsers use the session cookie instead. */
  token?: string;
  /** For cookie sessions: returns the CSRF token to send on writes. */
  csrfToken?: () => string | undefined;
  /** Names the program calling (sent as X-Tocsin-Client): `cli` makes the server record the CLI as the source of what it does. */
  client?: string;
  fetch?: typeof fetch;
}

/** The error body every Tocsin endpoint returns on failure. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class TocsinApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'TocsinApiError';
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createTocsinClient(options: ClientOptions): TocsinClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch,
    credentials: options.token ? 'omit' : 'same-origin',
  });
  client.use({
    onRequest({ request }) {
      if (options.token) request.headers.set('authorization', `Bearer ${options.token}`);
      if (options.client) request.headers.set('x-tocsin-client', options.client);
      const csrf = options.csrfToken?.();
      if (csrf && WRITE_METHODS.has(request.method)) request.headers.set('x-csrf-token', csrf);
      return request;
    },
  });
  return client;
}

/**
 * Returns `data` of a call, or throws TocsinApiError with the server's
 * message: `const users = unwrap(await client.GET('/api/v1/users'))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const body = result.error as Partial<ApiErrorBody> | undefined;
    const status = result.response.status;
    throw new TocsinApiError(
      status,
      body?.error?.code ?? `http_${status}`,
      body?.error?.message ?? `Tocsin answered ${status} ${result.response.statusText}`,
      body?.error?.details,
    );
  }
  return result.data as T;
}
