/** Sign in and out with a password, and who am I. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { destroySession, LoginSchema, loginWithPassword } from '../../modules/auth/index.js';
import { getUser, UserSchema } from '../../modules/users/index.js';
import { AppError, isAppError } from '../../lib/errors.js';
import { FailureLimiter } from '../../lib/failure-limiter.js';
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

/** Failed sign-ins allowed in the window per email, and per address (offices share one). */
const MAX_FAILED_LOGINS_PER_EMAIL = 10;
const MAX_FAILED_LOGINS_PER_ADDRESS = 100;
const FAILED_LOGIN_WINDOW_MS = 15 * 60_000;

export function registerAuthRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const byEmail = new FailureLimiter(deps.clock, MAX_FAILED_LOGINS_PER_EMAIL, FAILED_LOGIN_WINDOW_MS);
  const byAddress = new FailureLimiter(deps.clock, MAX_FAILED_LOGINS_PER_ADDRESS, FAILED_LOGIN_WINDOW_MS);

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
      const waitMs = Math.max(byEmail.retryAfterMs(email), byAddress.retryAfterMs(request.ip));
      if (waitMs > 0) {
        const minutes = Math.ceil(waitMs / 60_000);
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
        throw new AppError('rate_limited', `Too many failed sign-ins: wait ${minutes} minute(s) and try again, or reset the password.`);
      }
      let session;
      try {
        session = await loginWithPassword(
          { db: deps.db, clock: deps.clock, source: sourceOf(request), requestId: request.id },
          request.body,
          { userAgent: request.headers['user-agent'], ip: request.ip },
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'unauthenticated') {
          byEmail.recordFailure(email);
          byAddress.recordFailure(request.ip);
        }
        throw error;
      }
      byEmail.reset(email);
      setSessionCookie(reply, deps.config.publicUrl, session);
      const actor = session.actor;
      const user = await getUser({ db: deps.db, clock: deps.clock, actor, source: sourceOf(request) }, actor.type === 'user' ? actor.userId : '');
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  });

  r.post('/api/v1/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null(), ...privateErrors } },
    handler: async (request, reply) => {
      if (request.sessionId) await destroySession(deps, request.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/auth/session', {
    schema: { tags: ['auth'], summary: 'The signed-in user (session cookie or token)', response: { 200: SessionSchema, ...privateErrors } },
    handler: async (request) => {
      const actor = actorOf(request);
      const user = await getUser(ctxOf(deps, request), actor.type === 'user' ? actor.userId : '');
      return { user, csrfToken: request.csrfToken ?? '', expiresAt: null };
    },
  });
}
