/**
 * Per-request plumbing: the dependencies routes need and the Ctx a use case
 * receives for the authenticated caller.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import type pg from 'pg';
import type { Actor, Scope } from '../lib/actor.js';
import type { Clock } from '../lib/clock.js';
import type { Source } from '../lib/source.js';
import { AppError } from '../lib/errors.js';
import type { OidcProviderSettings } from '../modules/auth/index.js';
import type { Ctx } from '../modules/context.js';
import type { Metrics } from './metrics.js';

/** What the HTTP layer needs of the configuration (app/config.ts provides it). */
export interface HttpConfig {
  publicUrl: string;
  bodyLimitBytes: number;
  webDistDir: string | undefined;
  oidc: (OidcProviderSettings & { label: string }) | undefined;
  /** Proxies whose X-Forwarded-* headers are believed (none: the connection's address is the client's). */
  trustedProxies: string[];
}

export interface HttpDeps {
  config: HttpConfig;
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  metrics: Metrics;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    sessionId: string | undefined;
    csrfToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials. */
    public?: boolean;
    /** The API token scope the route needs (http/scope.ts); writes default to "write", reads to "read". */
    scope?: Scope;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor)
    throw new AppError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  return request.actor;
}

/** The header the CLI sends (through the SDK's `client` option) to say that it is the CLI. */
export const CLIENT_HEADER = 'x-tocsin-client';

/**
 * What the caller acts through: a session cookie is the web UI; an API token
 * is the API, or the CLI when the request says so in X-Tocsin-Client. A
 * request without credentials (signing in) counts as the web UI's.
 */
export function sourceOf(request: FastifyRequest): Source {
  const actor = request.actor;
  if (!actor || (actor.type === 'user' && actor.via === 'session')) return 'web';
  return request.headers[CLIENT_HEADER] === 'cli' ? 'cli' : 'api';
}

export function ctxOf(deps: HttpDeps, request: FastifyRequest): Ctx {
  return { db: deps.db, clock: deps.clock, actor: actorOf(request), source: sourceOf(request), requestId: request.id };
}
