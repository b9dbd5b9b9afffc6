/** The only SQL on users. */
import { sql } from 'kysely';
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { rememberedByIds } from '../../db/remembered.js';
import { compiledOnce } from '../../db/compiled.js';
import { transactionValue } from '../../db/context.js';
import type { UsersTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(
  db: Db,
  row: Omit<UserRow, 'is_disabled' | 'time_zone'> & Partial<UserRow>,
): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(db: Db, id: string, patch: Updateable<UsersTable>): Promise<UserRow | undefined> {
  return db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function getUserRecord(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserRecordByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function selectUsers(db: Db, options: { includeDisabled: boolean }): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll().orderBy('name').orderBy('id');
  if (!options.includeDisabled) q = q.where('is_disabled', '=', false);
  return q.execute();
}

export async function countOwners(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', 'owner')
    .where('is_disabled', '=', false)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A person's name and whether they are disabled: what paging and incident views need of users. */
export interface UserName {
  id: string;
  name: string;
  is_disabled: boolean;
}

/**
 * Names of the users with these ids (unknown and malformed ids are left
 * out), in one query; in an alerts batch, as remembered until a user
 * changes (ADR 38).
 */
export async function selectUserNames(db: Db, ids: string[]): Promise<UserName[]> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) return [];
  return [...(await rememberedUserNames(db, wanted)).values()];
}

const userNameRows = compiledOnce((db: Db, v: { ids: string[] }) =>
  db.selectFrom('users').select(['id', 'name', 'is_disabled']).where('id', 'in', v.ids),
);

const rememberedUserNames = rememberedByIds(
  ['users'],
  async (db, ids) => new Map((await userNameRows(db, { ids })).map((user) => [user.id, user])),
);

const NAMES_READ = 'users.names-read';

/**
 * selectUserNames for a transaction that reads the same people in several
 * places and changes none of them (an alerts batch: its policies' labels,
 * then its first steps' people): each id is asked of the database once per
 * transaction (outside one, every time).
 */
export async function userNamesOnce(db: Db, ids: string[]): Promise<UserName[]> {
  const read = transactionValue.get<Map<string, UserName | null>>(db, NAMES_READ) ?? new Map<string, UserName | null>();
  const unread = [...new Set(ids)].filter((id) => isUuid(id) && !read.has(id));
  if (unread.length > 0) {
    for (const id of unread) read.set(id, null);
    for (const user of await selectUserNames(db, unread)) read.set(user.id, user);
    transactionValue.set(db, NAMES_READ, read);
  }
  return [...new Set(ids)].flatMap((id) => {
    const user = read.get(id);
    return user ? [user] : [];
  });
}
