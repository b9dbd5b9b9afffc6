/**
 * The only SQL on the status page tables, plus read-only lookups of the
 * services and incident responses a page refers to.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type {
  StatusPageComponentHistoryTable,
  StatusPageComponentsTable,
  StatusPageGroupsTable,
  StatusPageIncidentsTable,
  StatusPageIncidentUpdatesTable,
  StatusPagesTable,
} from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type PageRow = Selectable<StatusPagesTable>;
export type GroupRow = Selectable<StatusPageGroupsTable>;
export type ComponentRow = Selectable<StatusPageComponentsTable>;
export type PageIncidentRow = Selectable<StatusPageIncidentsTable>;
export type PageUpdateRow = Selectable<StatusPageIncidentUpdatesTable>;

/** The channel every node LISTENs on: a page changed, render it again. */
export const STATUS_PAGE_CHANNEL = 'tocsin_statuspages';

/** Tells every node (this one included) at commit that the page changed. */
export async function notifyPageChanged(db: Db, pageId: string): Promise<void> {
  await sql`SELECT pg_notify(${STATUS_PAGE_CHANNEL}, ${pageId})`.execute(db);
}

export async function insertPage(db: Db, row: Insertable<StatusPagesTable>): Promise<PageRow> {
  return db.insertInto('status_pages').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePageRow(db: Db, id: string, patch: Updateable<StatusPagesTable>): Promise<PageRow> {
  return db.updateTable('status_pages').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deletePageRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('status_pages').where('id', '=', id).execute();
}

/** By id or slug; `lock` takes the row for the rest of the transaction. */
export async function findPageRow(db: Db, idOrSlug: string, lock = false): Promise<PageRow | undefined> {
  let query = db.selectFrom('status_pages').selectAll();
  query = isUuid(idOrSlug) ? query.where('id', '=', idOrSlug) : query.where('slug', '=', idOrSlug.toLowerCase());
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function findPageByHost(db: Db, hostName: string): Promise<PageRow | undefined> {
  return db.selectFrom('status_pages').selectAll().where('host_name', '=', hostName).executeTakeFirst();
}

export async function selectPages(db: Db): Promise<PageRow[]> {
  return db.selectFrom('status_pages').selectAll().orderBy('slug').execute();
}

export async function insertGroup(db: Db, row: Insertable<StatusPageGroupsTable>): Promise<GroupRow> {
  return db.insertInto('status_page_groups').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateGroupRow(db: Db, id: string, patch: Updateable<StatusPageGroupsTable>): Promise<GroupRow> {
  return db.updateTable('status_page_groups').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteGroupRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('status_page_groups').where('id', '=', id).execute();
}

export async function selectGroups(db: Db, pageId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('status_page_groups')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

export async function insertComponent(db: Db, row: Insertable<StatusPageComponentsTable>): Promise<ComponentRow> {
  return db.insertInto('status_page_components').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateComponentRow(
  db: Db,
  id: string,
  patch: Updateable<StatusPageComponentsTable>,
): Promise<ComponentRow> {
  return db
    .updateTable('status_page_components')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteComponentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('status_page_components').where('id', '=', id).execute();
}

export async function selectComponents(db: Db, pageId: string): Promise<ComponentRow[]> {
  return db
    .selectFrom('status_page_components')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('position')
    .orderBy('name')
    .execute();
}

export async function insertHistory(db: Db, row: Insertable<StatusPageComponentHistoryTable>): Promise<void> {
  await db.insertInto('status_page_component_history').values(row).execute();
}

export async function selectHistory(
  db: Db,
  componentId: string,
  limit: number,
): Promise<Selectable<StatusPageComponentHistoryTable>[]> {
  return db
    .selectFrom('status_page_component_history')
    .selectAll()
    .where('component_id', '=', componentId)
    .orderBy('at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

export async function insertPageIncident(db: Db, row: Insertable<StatusPageIncidentsTable>): Promise<PageIncidentRow> {
  return db.insertInto('status_page_incidents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePageIncidentRow(
  db: Db,
  id: string,
  patch: Updateable<StatusPageIncidentsTable>,
): Promise<PageIncidentRow> {
  return db
    .updateTable('status_page_incidents')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPageIncidentRow(
  db: Db,
  pageId: string,
  id: string,
  lock = false,
): Promise<PageIncidentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db.selectFrom('status_page_incidents').selectAll().where('page_id', '=', pageId).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Newest first; open ones and the last `limit` in all. */
export async function selectPageIncidents(
  db: Db,
  pageId: string,
  limit: number,
  kind: 'incident' | 'maintenance' = 'incident',
): Promise<PageIncidentRow[]> {
  return db
    .selectFrom('status_page_incidents')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
}

export async function selectPageIncidentsOfIncident(db: Db, incidentId: string): Promise<PageIncidentRow[]> {
  return db
    .selectFrom('status_page_incidents')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
}

export async function insertAffected(db: Db, pageIncidentId: string, componentIds: string[]): Promise<void> {
  if (componentIds.length === 0) return;
  await db
    .insertInto('status_page_incident_components')
    .values(componentIds.map((component_id) => ({ page_incident_id: pageIncidentId, component_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function selectAffected(
  db: Db,
  pageIncidentIds: string[],
): Promise<Array<{ page_incident_id: string; id: string; name: string; status: ComponentRow['status'] }>> {
  if (pageIncidentIds.length === 0) return [];
  return db
    .selectFrom('status_page_incident_components as a')
    .innerJoin('status_page_components as c', 'c.id', 'a.component_id')
    .select(['a.page_incident_id', 'c.id', 'c.name', 'c.status'])
    .where('a.page_incident_id', 'in', pageIncidentIds)
    .orderBy('c.position')
    .orderBy('c.name')
    .execute();
}

export async function insertPageUpdate(db: Db, row: Insertable<StatusPageIncidentUpdatesTable>): Promise<void> {
  await db.insertInto('status_page_incident_updates').values(row).execute();
}

/** Newest first. */
export async function selectPageUpdates(db: Db, pageIncidentIds: string[]): Promise<PageUpdateRow[]> {
  if (pageIncidentIds.length === 0) return [];
  return db
    .selectFrom('status_page_incident_updates')
    .selectAll()
    .where('page_incident_id', 'in', pageIncidentIds)
    .orderBy('created_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
}

/** A service's id by id or slug (read-only: the services module writes services). */
export async function findServiceId(db: Db, idOrSlug: string): Promise<string | undefined> {
  const query = db.selectFrom('services').select('id');
  const row = await (
    isUuid(idOrSlug) ? query.where('id', '=', idOrSlug) : query.where('slug', '=', idOrSlug)
  ).executeTakeFirst();
  return row?.id;
}

/**
 * What decides whether an internal incident may be published without a
 * confirmation: its privacy and category, and its stage for the page's
 * state (read-only: the response module writes incident_responses).
 */
export async function selectIncidentDisclosure(
  db: Db,
  incidentId: string,
): Promise<{ private: boolean; category: string | null; stage: string | null }> {
  const row = await db
    .selectFrom('incident_responses')
    .select(['private', 'category', 'stage'])
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return { private: row?.private ?? false, category: row?.category ?? null, stage: row?.stage ?? null };
}

/** What the public sees: every open incident and the last `limit`, newest first. */
export async function selectIncidentsForRender(db: Db, pageId: string, limit: number): Promise<PageIncidentRow[]> {
  const recent = await selectPageIncidents(db, pageId, limit);
  const open = await db
    .selectFrom('status_page_incidents')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('kind', '=', 'incident')
    .where('state', '!=', 'resolved')
    .execute();
  const byId = new Map([...recent, ...open].map((r) => [r.id, r]));
  return [...byId.values()].sort(
    (a, b) => b.created_at.getTime() - a.created_at.getTime() || Number(b.seq) - Number(a.seq),
  );
}

/** Service slugs by id (read-only), for config export. */
export async function selectServiceSlugs(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('services').select(['id', 'slug']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.slug]));
}
