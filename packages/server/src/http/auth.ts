/**
 * Authentication at the edge: every route is private unless its config says
 * `public: true`. A request is authenticated by a bearer API token or by the
 * session cookie; cookie-authenticated writes must also carry the session's
 * CSRF token in the X-CSRF-Token header.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, resolveSession } from '../modules/auth/index.js';
import { safeEqual } from '../lib/ids.js';
import type { HttpDeps } from './context.js';
import { errorBody } from './errors.js';

export const SESSION_COOKIE = 'tocsin_session';

/** Sets the session cookie the same way for every way of signing in. */
export function setSessionCookie(
  reply: FastifyReply,
  publicUrl: string,
  session: { sessionId: string; expiresAt: Date },
): void {
  reply.setCookie(SESSION_COOKIE, session.sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https://'),
    expires: session.expiresAt,
  });
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function deny(reply: FastifyReply, status: 401 | 403, code: string, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="tocsin"');
  return reply.status(status).send(errorBody(code, message));
}

export function registerAuthentication(app: FastifyInstance, deps: HttpDeps): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionId', undefined);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const isPublic = request.routeOptions.config?.public === true;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) {
        // Public routes authenticate their own way (a vendor's basic auth, a signature): not ours to judge.
        if (isPublic) return;
        return deny(reply, 401, 'unauthenticated', 'The Authorization header must be "Bearer <API token>".');
      }
      const resolved = await resolveApiToken(deps, match[1]!);
      if (!resolved.ok) {
        if (isPublic) return; // a public route ignores a bad credential rather than failing
        return deny(reply, 401, 'unauthenticated', resolved.reason);
      }
      request.actor = resolved.actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const session = await resolveSession(deps, cookie);
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.csrfToken = session.csrfToken;
        if (!SAFE_METHODS.has(request.method) && !isPublic) {
          const sent = request.headers['x-csrf-token'];
          if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
            return deny(
              reply,
              403,
              'csrf_failed',
              'Missing or wrong X-CSRF-Token header: reload the page and try again.',
            );
          }
        }
        return;
      }
      if (!isPublic) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return deny(reply, 401, 'session_expired', 'Your session has expired: sign in again.');
      }
    }
    if (!isPublic) {
      return deny(reply, 401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
    }
  });
}
