/** The only SQL on oidc_identities and oidc_login_states. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { OidcLoginStatesTable } from '../../db/schema.js';

export type OidcLoginStateRow = Selectable<OidcLoginStatesTable>;

export async function insertLoginState(db: Db, row: OidcLoginStateRow): Promise<void> {
  await db.insertInto('oidc_login_states').values(row).execute();
}

/** Removes and returns the state in one statement, so a callback can use it only once. */
export async function takeLoginState(db: Db, state: string): Promise<OidcLoginStateRow | undefined> {
  return db.deleteFrom('oidc_login_states').where('state', '=', state).returningAll().executeTakeFirst();
}

export async function deleteExpiredLoginStates(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('oidc_login_states').where('expires_at', '<', now).execute();
}

export async function findIdentityUserId(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('oidc_identities')
    .select('user_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.user_id;
}

export async function insertIdentity(
  db: Db,
  row: { issuer: string; subject: string; userId: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('oidc_identities')
    .values({ issuer: row.issuer, subject: row.subject, user_id: row.userId, created_at: row.createdAt })
    .execute();
}
