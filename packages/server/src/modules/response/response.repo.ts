/**
 * The only SQL on the response tables (migration 0009): severities,
 * categories, role definitions, and each declared incident's response,
 * holders, hand-offs, severity changes, impacted services, stakeholders and
 * links. It reads, never writes, incidents and services.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { incidentVisibleTo } from '../incidents/index.js';
import { holdServices } from '../services/index.js';
import { wakeEngines } from '../../db/outbox.js';
import type {
  IncidentSeverityChangesTable,
  IncidentHandoffsTable,
  IncidentResponsesTable,
  IncidentRoleHoldersTable,
  ResponseRolesTable,
  SeveritiesTable,
} from '../../db/schema.js';

export type SeverityRow = Selectable<SeveritiesTable>;
export type RoleRow = Selectable<ResponseRolesTable>;
export type ResponseRow = Selectable<IncidentResponsesTable>;
export type HolderRow = Selectable<IncidentRoleHoldersTable>;
export type HandoffRow = Selectable<IncidentHandoffsTable>;

// Severities and categories.

export const selectSeverities = (db: Db): Promise<SeverityRow[]> =>
  db.selectFrom('severities').selectAll().orderBy('key').execute();

export const findSeverity = (db: Db, key: string): Promise<SeverityRow | undefined> =>
  db
    .selectFrom('severities')
    .selectAll()
    .where('key', '=', key as SeverityRow['key'])
    .executeTakeFirst();

export async function updateSeverityRow(db: Db, key: string, patch: Updateable<SeveritiesTable>): Promise<void> {
  await db
    .updateTable('severities')
    .set(patch)
    .where('key', '=', key as SeverityRow['key'])
    .execute();
}

export const selectCategories = (db: Db) =>
  db.selectFrom('incident_categories').selectAll().orderBy('builtin', 'desc').orderBy('slug').execute();

export const findCategory = (db: Db, slug: string) =>
  db.selectFrom('incident_categories').selectAll().where('slug', '=', slug).executeTakeFirst();

export async function insertCategory(
  db: Db,
  row: { slug: string; name: string; description: string; created_at: Date },
): Promise<void> {
  await db.insertInto('incident_categories').values(row).execute();
}

export async function updateCategoryRow(
  db: Db,
  slug: string,
  patch: { name?: string; description?: string },
): Promise<void> {
  await db.updateTable('incident_categories').set(patch).where('slug', '=', slug).execute();
}

export async function deleteCategory(db: Db, slug: string): Promise<number> {
  const result = await db.deleteFrom('incident_categories').where('slug', '=', slug).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function categoryInUse(db: Db, slug: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_responses')
    .select('incident_id')
    .where('category', '=', slug)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// Role definitions.

export const selectRoles = (db: Db): Promise<RoleRow[]> =>
  db
    .selectFrom('response_roles')
    .selectAll()
    .orderBy(sql`rank IS NULL`)
    .orderBy('rank')
    .orderBy('slug')
    .execute();

export const findRoleBySlug = (db: Db, slug: string): Promise<RoleRow | undefined> =>
  db.selectFrom('response_roles').selectAll().where('slug', '=', slug).executeTakeFirst();

export async function insertRole(db: Db, row: Insertable<ResponseRolesTable>): Promise<void> {
  await db.insertInto('response_roles').values(row).execute();
}

export async function updateRoleRow(db: Db, id: string, patch: Updateable<ResponseRolesTable>): Promise<void> {
  await db.updateTable('response_roles').set(patch).where('id', '=', id).execute();
}

export async function deleteRoleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('response_roles').where('id', '=', id).execute();
}

export async function roleEverHeld(db: Db, roleId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_role_holders')
    .select('id')
    .where('role_id', '=', roleId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// Responses.

export async function insertResponse(db: Db, row: Insertable<IncidentResponsesTable>): Promise<void> {
  await db.insertInto('incident_responses').values(row).execute();
}

export async function findResponse(
  db: Db,
  incidentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ResponseRow | undefined> {
  let query = db.selectFrom('incident_responses').selectAll().where('incident_id', '=', incidentId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateResponse(
  db: Db,
  incidentId: string,
  patch: Updateable<IncidentResponsesTable>,
): Promise<void> {
  await db.updateTable('incident_responses').set(patch).where('incident_id', '=', incidentId).execute();
}

/** Sets when the next rule falls due, waking the engines when it is sooner than they may know. */
export async function setNextRuleAt(db: Db, incidentId: string, at: Date | null): Promise<void> {
  await db.updateTable('incident_responses').set({ next_rule_at: at }).where('incident_id', '=', incidentId).execute();
  if (at) await wakeEngines(db, 'response');
}

/** The response columns holding a due time that a reconciler claims by. */
export type DueColumn = 'next_rule_at' | 'next_update_reminder_at' | 'next_review_reminder_at';

/** The declared incident whose `column` is most overdue, locked (its incident first: the order every writer takes). */
export async function claimDueRule(
  db: Db,
  now: Date,
  column: DueColumn = 'next_rule_at',
): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('incidents as i')
    .innerJoin('incident_responses as r', 'r.incident_id', 'i.id')
    .selectAll('r')
    .where(`r.${column}`, '<=', now)
    .orderBy(`r.${column}`)
    .orderBy('r.incident_id')
    .limit(1)
    .forUpdate(['i', 'r'])
    .skipLocked()
    .executeTakeFirst();
}

export async function selectNextRuleDue(db: Db, column: DueColumn = 'next_rule_at'): Promise<Date | null> {
  const row = await db
    .selectFrom('incident_responses')
    .select((eb) => eb.fn.min(column).as('at'))
    .where(column, 'is not', null)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as unknown as string) : null;
}

// Holders.

/** Current holders first, then past ones; by when they were engaged, and those engaged at once by role rank. */
export const selectHolders = (db: Db, incidentId: string): Promise<HolderRow[]> =>
  db
    .selectFrom('incident_role_holders as h')
    .leftJoin('response_roles as r', 'r.id', 'h.role_id')
    .selectAll('h')
    .where('h.incident_id', '=', incidentId)
    .orderBy(sql`h.ended_at IS NOT NULL`)
    .orderBy('h.engaged_at')
    .orderBy(sql`r.rank IS NULL`)
    .orderBy('r.rank')
    .orderBy('r.slug')
    .orderBy('h.id')
    .execute();

export async function insertHolder(db: Db, row: Insertable<IncidentRoleHoldersTable>): Promise<void> {
  await db.insertInto('incident_role_holders').values(row).execute();
}

export async function acceptHolder(db: Db, holderId: string, now: Date): Promise<void> {
  await db.updateTable('incident_role_holders').set({ accepted_at: now }).where('id', '=', holderId).execute();
}

export async function endHolder(db: Db, holderId: string, now: Date): Promise<void> {
  await db.updateTable('incident_role_holders').set({ ended_at: now }).where('id', '=', holderId).execute();
}

// Hand-offs.

export const selectHandoffs = (db: Db, incidentId: string): Promise<HandoffRow[]> =>
  db
    .selectFrom('incident_handoffs')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('requested_at', 'desc')
    .execute();

export const findHandoff = (db: Db, incidentId: string, handoffId: string): Promise<HandoffRow | undefined> =>
  db
    .selectFrom('incident_handoffs')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('id', '=', handoffId)
    .forUpdate()
    .executeTakeFirst();

export const findPendingHandoff = (db: Db, incidentId: string, roleId: string): Promise<HandoffRow | undefined> =>
  db
    .selectFrom('incident_handoffs')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('role_id', '=', roleId)
    .where('state', '=', 'pending')
    .executeTakeFirst();

export async function insertHandoff(db: Db, row: Insertable<IncidentHandoffsTable>): Promise<void> {
  await db.insertInto('incident_handoffs').values(row).execute();
}

export async function settleHandoff(
  db: Db,
  handoffId: string,
  state: 'accepted' | 'declined' | 'cancelled',
  now: Date,
): Promise<void> {
  await db.updateTable('incident_handoffs').set({ state, settled_at: now }).where('id', '=', handoffId).execute();
}

// Severity history, impacted services, stakeholders, links.

export async function insertSeverityChange(db: Db, row: Insertable<IncidentSeverityChangesTable>): Promise<void> {
  await db.insertInto('incident_severity_changes').values(row).execute();
}

export const selectSeverityChanges = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_severity_changes')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();

/**
 * The incident's impacted services, replaced. The services are held first
 * (services' holdServices): a service deleted meanwhile is refused here with
 * a clear answer, and its deletion cannot deadlock with this change.
 */
export async function replaceImpactedServices(db: Db, incidentId: string, serviceIds: string[]): Promise<void> {
  const held = await holdServices(db, serviceIds);
  const gone = serviceIds.filter((id) => !held.has(id));
  if (gone.length)
    throw new AppError('not_found', `Service ${gone[0]} was deleted meanwhile: pick one from GET /api/v1/services.`, {
      details: { serviceIds: gone },
    });
  await db.deleteFrom('incident_impacted_services').where('incident_id', '=', incidentId).execute();
  if (serviceIds.length)
    await db
      .insertInto('incident_impacted_services')
      .values([...new Set(serviceIds)].map((service_id) => ({ incident_id: incidentId, service_id })))
      .execute();
}

export const selectImpactedServices = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_impacted_services as x')
    .innerJoin('services as s', 's.id', 'x.service_id')
    .select(['s.id', 's.slug', 's.name'])
    .where('x.incident_id', '=', incidentId)
    .orderBy('s.name')
    .execute();

/** Stops someone being a stakeholder; true when they were one. */
export async function removeStakeholder(db: Db, incidentId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_stakeholders')
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function addStakeholder(
  db: Db,
  row: { incident_id: string; user_id: string; reason: 'reporter' | 'subscriber'; added_at: Date },
): Promise<void> {
  await db
    .insertInto('incident_stakeholders')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .execute();
}

export const selectStakeholders = (db: Db, incidentId: string) =>
  db
    .selectFrom('incident_stakeholders')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('added_at')
    .execute();

export async function isStakeholder(db: Db, incidentId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('incident_stakeholders')
    .select('user_id')
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertLinks(
  db: Db,
  rows: Array<{
    incident_id: string;
    other_id: string;
    kind: 'related' | 'merged_into' | 'merged_from';
    created_by_label: string;
    created_at: Date;
  }>,
): Promise<void> {
  await db
    .insertInto('incident_links')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['incident_id', 'other_id']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind') })),
    )
    .execute();
}

export async function deleteLinks(db: Db, incidentId: string, otherId: string): Promise<number> {
  const result = await db
    .deleteFrom('incident_links')
    .where((eb) =>
      eb.or([
        eb.and([eb('incident_id', '=', incidentId), eb('other_id', '=', otherId)]),
        eb.and([eb('incident_id', '=', otherId), eb('other_id', '=', incidentId)]),
      ]),
    )
    .where('kind', '=', 'related')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The incidents linked to one, leaving out private ones `viewer` may not see (ADR 18). */
export const selectLinks = (db: Db, incidentId: string, viewer: Actor) =>
  db
    .selectFrom('incident_links as l')
    .innerJoin('incidents as i', 'i.id', 'l.other_id')
    .select(['l.kind', 'i.id', 'i.number', 'i.title'])
    .where('l.incident_id', '=', incidentId)
    .where(incidentVisibleTo(viewer, 'l.other_id'))
    .orderBy('l.created_at')
    .execute();
