/** The only SQL on sessions and api_tokens. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ApiTokensTable, SessionsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionWithUser(db: Db, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.name',
      'u.email',
      'u.role',
      'u.is_disabled',
    ])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Db, userId: string, exceptIdHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptIdHash) q = q.where('id_hash', '<>', exceptIdHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
}

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<ApiTokenRow> {
  return db.insertInto('api_tokens').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApiTokenWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.scopes',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
      'u.id as user_id',
      'u.name',
      'u.email',
      'u.role',
      'u.is_disabled',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markApiTokenUsed(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function selectApiTokens(db: Db, userId?: string): Promise<ApiTokenRow[]> {
  let q = db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
  if (userId) q = q.where('user_id', '=', userId);
  return q.execute();
}

export async function getApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setApiTokenRevoked(db: Db, id: string, at: Date): Promise<ApiTokenRow | undefined> {
  return db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).returningAll().executeTakeFirst();
}
