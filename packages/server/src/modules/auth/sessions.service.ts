/**
 * Browser sessions: a random id in an HttpOnly cookie, its hash in the
 * database, a CSRF token bound to it. Sessions slide: each use extends them.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/errors.js';
import { hashSecret } from '../../lib/ids.js';
import type { Actor } from '../../lib/actor.js';
import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../context.js';
import { verifyPassword } from '../users/index.js';
import { actorForUser } from './actor.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  touchSession,
} from './auth.repo.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Refresh the expiry at most this often, so every request does not write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
}

export async function startSession(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  user: { id: string },
  meta: { userAgent?: string; ip?: string },
) {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deleteExpiredSessions(ctx.db, now);
  await insertSession(ctx.db, {
    id_hash: hashSecret(sessionId),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    user_agent: (meta.userAgent ?? '').slice(0, 500),
    ip: meta.ip ?? '',
  });
  return { sessionId, csrfToken, expiresAt };
}

export async function loginWithPassword(
  ctx: Omit<Ctx, 'actor'>,
  credentials: { email: string; password: string },
  meta: { userAgent?: string; ip?: string } = {},
): Promise<SessionInfo> {
  const user = await verifyPassword(ctx, credentials.email, credentials.password);
  if (!user) throw new AppError('unauthenticated', 'Email or password is wrong, or the account is disabled.');
  const session = await startSession(ctx, user, meta);
  const actor = actorForUser(user, 'session');
  await recordAudit(
    { ...ctx, actor },
    { action: 'session.created', entityType: 'user', entityId: user.id, after: { method: 'password', ip: meta.ip } },
  );
  return { ...session, actor };
}

/** The session for a cookie value, or undefined when unknown, expired or disabled. */
export async function resolveSession(
  ctx: Pick<Ctx, 'db' | 'clock'>,
  sessionId: string,
): Promise<SessionInfo | undefined> {
  const idHash = hashSecret(sessionId);
  const row = await findSessionWithUser(ctx.db, idHash);
  const now = ctx.clock.now();
  if (!row || row.is_disabled || row.expires_at <= now) return undefined;
  let expiresAt = row.expires_at;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await touchSession(ctx.db, idHash, now, expiresAt);
  }
  return {
    sessionId,
    csrfToken: row.csrf_token,
    expiresAt,
    actor: actorForUser({ id: row.user_id, name: row.name, email: row.email, role: row.role }, 'session'),
  };
}

export async function destroySession(ctx: Pick<Ctx, 'db'>, sessionId: string): Promise<void> {
  await deleteSession(ctx.db, hashSecret(sessionId));
}

/** Signs a user out everywhere, except the session given (the one making the change). */
export async function destroyUserSessions(
  ctx: Pick<Ctx, 'db'>,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await deleteUserSessions(ctx.db, userId, exceptSessionId === undefined ? undefined : hashSecret(exceptSessionId));
}
