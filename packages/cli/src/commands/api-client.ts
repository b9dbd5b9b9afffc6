/**
 * The SDK client for a command, from the global --server and --token options
 * (or TOCSIN_URL and TOCSIN_TOKEN), and the one way API calls fail: with the
 * server's own message, or a plain "cannot reach" when there is no answer.
 */
import type { Command } from 'commander';
import { createTocsinClient, unwrap, type TocsinClient } from '@tocsin/sdk';

export const DEFAULT_SERVER = 'http://localhost:8080';

export interface Connection {
  client: TocsinClient;
  server: string;
}

export function connect(command: Command): Connection {
  const { server, token } = command.optsWithGlobals<{ server?: string; token?: string }>();
  const baseUrl = (server || DEFAULT_SERVER).replace(/\/+$/, '');
  if (!token) {
    throw new Error(
      'No API token: pass --token or set TOCSIN_TOKEN. ' +
        'Create one with `tocsin token create --email you@example.com` (on the server), or in the web UI.',
    );
  }
  const reach: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(
        `Cannot reach Tocsin at ${baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message}): ` +
          'is it running? Point --server or TOCSIN_URL at it.',
        { cause: error },
      );
    }
  };
  return { client: createTocsinClient({ baseUrl, token, client: 'cli', fetch: reach }), server: baseUrl };
}

/** The data of an API call, or a TocsinApiError carrying the server's message (main prints it, exit 1). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  try {
    return unwrap(await request);
  } catch (error) {
    // `token create` gives read,write by default: say how to get the scope a verb needs (export, apply).
    const scope = /needs the "(admin|write)" scope/.exec((error as Error).message)?.[1];
    if (scope && error instanceof Error)
      error.message += ` Create a token that has it: tocsin token create --email you@example.com --scopes read,write${scope === 'admin' ? ',admin' : ''}`;
    throw error;
  }
}
