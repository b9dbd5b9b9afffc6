/**
 * Single sign-on routes. Both are browser navigations, not API calls: login
 * redirects to the identity provider, and the callback sets the session
 * cookie and redirects into the app, or back to /login?error=<message> so
 * the web UI can say what went wrong.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAppError } from '../../lib/errors.js';
import { finishOidcLogin, OIDC_CALLBACK_PATH, OIDC_LOGIN_TTL_MS, startOidcLogin } from '../../modules/auth/index.js';
import { SESSION_COOKIE, setSessionCookie } from '../auth.js';
import type { HttpDeps } from '../context.js';
import { ErrorSchema } from './shared.js';

/** Binds an in-flight sign-in to the browser that started it (see finishOidcLogin). */
const STATE_COOKIE = 'tocsin_oidc_state';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

const LoginQuery = z.strictObject({
  returnTo: z
    .string()
    .max(2000)
    .optional()
    .describe('a path in Tocsin to land on afterwards, e.g. /app/incidents; defaults to /app'),
});

// Providers add parameters of their own (iss, session_state, ...), so unknown keys are allowed.
const CallbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2000).optional(),
});

const Redirect = z.null().describe('a redirect: see the Location header');

/**
 * Sends the browser back to the login page with a message it can show.
 * "Not configured" stays a plain 404: there is no sign-in to report on.
 */
function redirectToLogin(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (isAppError(error) && error.code === 'not_found') throw error;
  let message: string;
  if (isAppError(error)) {
    request.log.warn({ err: error }, 'single sign-on failed');
    message = error.message;
  } else {
    request.log.error({ err: error }, 'single sign-on failed');
    message = `Single sign-on failed unexpectedly (request ${request.id}); the details are in the server log.`;
  }
  return reply.redirect(`/login?error=${encodeURIComponent(message)}`, 302);
}

export function registerOidcRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = deps.config.publicUrl.startsWith('https://');

  r.get('/api/v1/auth/oidc/login', {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Start single sign-on: redirects the browser to the identity provider',
      querystring: LoginQuery,
      response: { 302: Redirect, 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (request, reply) => {
      let started;
      try {
        started = await startOidcLogin({ db: deps.db, clock: deps.clock }, deps.config, request.query.returnTo);
      } catch (error) {
        return redirectToLogin(request, reply, error);
      }
      reply.setCookie(STATE_COOKIE, started.state, {
        path: STATE_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: OIDC_LOGIN_TTL_MS / 1000,
      });
      return reply.redirect(started.url.href, 302);
    },
  });

  r.get(OIDC_CALLBACK_PATH, {
    config: { public: true },
    schema: {
      tags: ['auth'],
      summary: 'Where the identity provider sends the browser back; sets the session cookie and redirects',
      querystring: CallbackQuery,
      response: { 302: Redirect, 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (request, reply) => {
      const queryAt = request.url.indexOf('?');
      const callbackUrl = new URL(
        `${deps.config.publicUrl}${OIDC_CALLBACK_PATH}${queryAt >= 0 ? request.url.slice(queryAt) : ''}`,
      );
      const boundState = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
      try {
        const session = await finishOidcLogin(
          { db: deps.db, clock: deps.clock, source: 'web', requestId: request.id },
          deps.config,
          callbackUrl,
          {
            boundState,
            userAgent: request.headers['user-agent'],
            ip: request.ip,
          },
        );
        setSessionCookie(reply, deps.config.publicUrl, session);
        return reply.redirect(session.returnTo, 302);
      } catch (error) {
        return redirectToLogin(request, reply, error);
      }
    },
  });
}
