/** The only SQL on teams and team_memberships. */
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { TeamsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type TeamRow = Selectable<TeamsTable>;

export async function insertTeam(db: Db, row: TeamRow): Promise<TeamRow> {
  return db.insertInto('teams').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTeamRow(db: Db, id: string, patch: Updateable<TeamsTable>): Promise<TeamRow | undefined> {
  return db.updateTable('teams').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteTeamRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('teams').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** By id or by slug: people type slugs, machines send ids. */
export async function findTeamRow(db: Db, idOrSlug: string): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where(isUuid(idOrSlug) ? 'id' : 'slug', '=', idOrSlug)
    .executeTakeFirst();
}

export async function selectTeams(db: Db): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().orderBy('name').execute();
}

export async function selectMembers(db: Db, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .selectFrom('team_memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id', 'm.role', 'u.name', 'u.email'])
    .where('m.team_id', 'in', teamIds)
    .orderBy('u.name')
    .execute();
}

export async function upsertMembership(
  db: Db,
  row: { team_id: string; user_id: string; role: 'member' | 'manager'; created_at: Date },
) {
  await db
    .insertInto('team_memberships')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export async function deleteMembership(db: Db, teamId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_memberships')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
