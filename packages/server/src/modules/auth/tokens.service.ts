/**
 * API tokens: `tcs_` + 32 random bytes, shown once, stored as SHA-256 (a
 * high-entropy secret needs no slow hash). Scopes narrow what the user's role
 * allows; they never widen it. A token never carries more than whoever made
 * it: its scopes stay within the caller's, it expires no later than the
 * token that made it, and a token for someone else (admins only, audited)
 * is refused when that user's role is above the caller's, since the token
 * would act with that role.
 */
import { inTransaction } from '../../db/client.js';
import { roleAtLeast, scopeAllows, type Actor, type Scope } from '../../lib/actor.js';
import { AppError, notFound } from '../../lib/errors.js';
import { hashSecret, newId, newSecret } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import { actorForUser } from './actor.js';
import {
  findApiTokenWithUser,
  getApiToken,
  insertApiToken,
  markApiTokenUsed,
  selectApiTokens,
  setApiTokenRevoked,
  type ApiTokenRow,
} from './auth.repo.js';
import { CreateApiTokenSchema, type ApiToken, type CreateApiTokenInput, type CreatedApiToken } from './auth.schema.js';
import { isSelf, requireRole, requireScope } from '../access/index.js';

const LAST_USED_RESOLUTION_MS = 60_000;

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function createApiToken(ctx: Ctx, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const data = CreateApiTokenSchema.parse(input);
  const actor = ctx.actor;
  const userId = data.userId ?? (actor.type === 'user' ? actor.userId : undefined);
  if (!userId) throw new AppError('bad_request', 'userId is required when no user is acting');
  const forOther = !isSelf(actor, userId);
  requireScope(actor, 'write', 'create API tokens');
  if (forOther) requireRole(actor, 'admin', 'create tokens for other users');
  if (actor.type === 'user') {
    // read ⊂ write ⊂ admin: a write token may mint a read token, never an admin one.
    const wider = data.scopes.filter((s) => !scopeAllows(actor.scopes, s));
    if (wider.length)
      throw new AppError(
        'forbidden',
        `This token cannot create a token with wider scopes (${wider.join(', ')}) than its own (${actor.scopes.join(', ')})`,
      );
  }
  const now = ctx.clock.now();
  const expiresAt = data.expiresInDays ? new Date(now.getTime() + data.expiresInDays * 86_400_000) : null;
  if (actor.type === 'user' && actor.tokenExpiresAt && (!expiresAt || expiresAt > actor.tokenExpiresAt)) {
    // Otherwise a short-lived token could renew itself forever.
    const days = Math.floor((actor.tokenExpiresAt.getTime() - now.getTime()) / 86_400_000);
    const fix =
      days >= 1 ? `send expiresInDays of ${days} or less` : 'it has less than a day left: sign in to create one';
    throw new AppError(
      'forbidden',
      `This token expires at ${actor.tokenExpiresAt.toISOString()} and a token it creates must not outlive it: ${fix}.`,
      {
        details: { tokenExpiresAt: actor.tokenExpiresAt.toISOString() },
      },
    );
  }
  return inTransaction(ctx.db, async (tx) => {
    const user = await getUserRecord(tx, userId);
    if (!user) throw notFound('User', userId);
    if (forOther && actor.type === 'user' && !roleAtLeast(actor.role, user.role)) {
      throw new AppError(
        'forbidden',
        `Your role (${actor.role}) cannot create a token for ${user.email}, whose role (${user.role}) is higher: the token would act with that role. Ask an ${user.role} to do it, or have ${user.email} create their own.`,
        {
          details: { role: actor.role, userRole: user.role },
        },
      );
    }
    const token = newSecret('tcs');
    const row = await insertApiToken(tx, {
      id: newId(now),
      user_id: userId,
      name: data.name,
      token_hash: hashSecret(token),
      prefix: token.slice(0, 8),
      scopes: data.scopes,
      created_at: now,
      expires_at: expiresAt,
      last_used_at: null,
      revoked_at: null,
    });
    const view = toApiToken(row);
    // A token made for someone else is the rare case worth finding in the audit log by its own action.
    const action = forOther ? 'api_token.created_for_user' : 'api_token.created';
    await recordAudit(withDb(ctx, tx), { action, entityType: 'api_token', entityId: row.id, after: view });
    return { ...view, token };
  });
}

export async function listApiTokens(ctx: Ctx, options: { all?: boolean } = {}): Promise<ApiToken[]> {
  if (options.all || ctx.actor.type !== 'user') requireRole(ctx.actor, 'admin', "list every user's tokens");
  const rows = await selectApiTokens(ctx.db, options.all || ctx.actor.type !== 'user' ? undefined : ctx.actor.userId);
  return rows.map(toApiToken);
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<ApiToken> {
  requireScope(ctx.actor, 'write', 'revoke API tokens');
  return inTransaction(ctx.db, async (tx) => {
    const before = await getApiToken(tx, id);
    if (!before) throw notFound('API token', id);
    if (!isSelf(ctx.actor, before.user_id)) requireRole(ctx.actor, 'admin', "revoke other users' tokens");
    const row = before.revoked_at ? before : await setApiTokenRevoked(tx, id, ctx.clock.now());
    const view = toApiToken(row!);
    await recordAudit(withDb(ctx, tx), {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: toApiToken(before),
      after: view,
    });
    return view;
  });
}

export type TokenResolution = { ok: true; actor: Actor } | { ok: false; reason: string };

/** Turns a bearer token into an actor, or says why it cannot. */
export async function resolveApiToken(ctx: Pick<Ctx, 'db' | 'clock'>, token: string): Promise<TokenResolution> {
  const row = await findApiTokenWithUser(ctx.db, hashSecret(token));
  const now = ctx.clock.now();
  if (!row) return { ok: false, reason: 'The API token is not valid: check that it was copied whole.' };
  if (row.revoked_at) return { ok: false, reason: 'The API token was revoked: create a new one.' };
  if (row.expires_at && row.expires_at <= now)
    return { ok: false, reason: `The API token expired at ${row.expires_at.toISOString()}: create a new one.` };
  if (row.is_disabled) return { ok: false, reason: 'The API token belongs to a disabled user.' };
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await markApiTokenUsed(ctx.db, row.id, now);
  }
  const actor = actorForUser(
    { id: row.user_id, name: row.name, email: row.email, role: row.role },
    'token',
    row.scopes as Scope[],
  );
  return { ok: true, actor: row.expires_at ? { ...actor, tokenExpiresAt: row.expires_at } : actor };
}
