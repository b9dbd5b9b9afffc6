/** Sign in and out with a password, and who am I. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  destroySession,
  KNOWN_DEVICE_TTL_MS,
  knownDevices,
  LoginGuard,
  LoginSchema,
  loginWithPassword,
  type LoginWait,
} from '../../modules/auth/index.js';
import { getUser, UserSchema } from '../../modules/users/index.js';
import { AppError, isAppError } from '../../lib/errors.js';
import { SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { actorOf, ctxOf, sourceOf, type HttpDeps } from '../context.js';
import { ErrorSchema, privateErrors } from './shared.js';

const SessionSchema = z.object({
  user: UserSchema,
  csrfToken: z.string().describe('send as X-CSRF-Token on every write made with the session cookie'),
  expiresAt: z.string().nullable(),
});

const AuthMethodsSchema = z.object({
  password: z.boolean(),
  oidc: z.object({ label: z.string(), loginUrl: z.string() }).nullable(),
});

/** The browser's known-device marks (modules/auth/known-devices.ts), sent only to the sign-in routes. */
export const KNOWN_DEVICE_COOKIE = 'tocsin_device';
const KNOWN_DEVICE_COOKIE_PATH = '/api/v1/auth';

function tooMany(wait: LoginWait): AppError {
  const minutes = Math.ceil(wait.ms / 60_000);
  const from =
    wait.reason === 'address'
      ? 'from this address'
      : wait.reason === 'account'
        ? 'to this account from browsers it has not signed in from'
        : 'from this browser';
  return new AppError(
    'rate_limited',
    `Too many failed sign-ins ${from}: wait ${minutes} minute(s) and try again, sign in from a browser you have used before, or reset the password.`,
  );
}

export function registerAuthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const guard = new LoginGuard(deps.clock);
  const devices = knownDevices(deps.db, deps.clock);

  r.get('/api/v1/auth/methods', {
    config: { public: true },
    schema: { tags: ['auth'], summary: 'How people can sign in', response: { 200: AuthMethodsSchema } },
    handler: async () => ({
      password: true,
      oidc: deps.config.oidc ? { label: deps.config.oidc.label, loginUrl: '/api/v1/auth/oidc/login' } : null,
    }),
  });

  r.post('/api/v1/auth/login', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: LoginSchema,
      response: { 200: SessionSchema, 400: ErrorSchema, 401: ErrorSchema, 429: ErrorSchema },
    },
    handler: async (request, reply) => {
      const email = request.body.email.toLowerCase();
      const deviceCookie = request.cookies[KNOWN_DEVICE_COOKIE];
      const attempt = { email, address: request.ip, device: await devices.recognise(email, deviceCookie) };
      const wait = guard.wait(attempt);
      if (wait) {
        reply.header('retry-after', String(Math.ceil(wait.ms / 1000)));
        throw tooMany(wait);
      }
      let session;
      try {
        session = await loginWithPassword(
          { db: deps.db, clock: deps.clock, source: sourceOf(request), requestId: request.id },
          request.body,
          { userAgent: request.headers['user-agent'], ip: request.ip },
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'unauthenticated') guard.failed(attempt);
        throw error;
      }
      guard.succeeded(attempt);
      setSessionCookie(reply, deps.config.publicUrl, session);
      // After the session cookie: clients that read only the first Set-Cookie keep working.
      reply.setCookie(KNOWN_DEVICE_COOKIE, await devices.remember(email, deviceCookie), {
        path: KNOWN_DEVICE_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.publicUrl.startsWith('https://'),
        maxAge: KNOWN_DEVICE_TTL_MS / 1000,
      });
      const actor = session.actor;
      const user = await getUser(
        { db: deps.db, clock: deps.clock, actor, source: sourceOf(request) },
        actor.type === 'user' ? actor.userId : '',
      );
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { scope: 'read' }, // ends only the caller's own session
    schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null(), ...privateErrors } },
    handler: async (request, reply) => {
      if (request.sessionId) await destroySession(deps, request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/auth/session', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user (session cookie or token)',
      response: { 200: SessionSchema, ...privateErrors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const user = await getUser(ctxOf(deps, request), actor.type === 'user' ? actor.userId : '');
      return { user, csrfToken: request.csrfToken ?? '', expiresAt: null };
    },
  });
}
