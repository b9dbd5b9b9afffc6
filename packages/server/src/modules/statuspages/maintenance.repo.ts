/**
 * The SQL of scheduled maintenances (page incidents of kind 'maintenance'),
 * their engine's claims, and the reads behind the uptime history. Written
 * only by this module (maintenance.service.ts, maintenance.reconciler.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ComponentStatusValue } from '../../db/schema.js';
import type { PageIncidentRow } from './statuspages.repo.js';

/** Claims one maintenance whose next start or end has passed (SKIP LOCKED: one node each). */
export async function claimDueMaintenance(db: Db, now: Date): Promise<PageIncidentRow | undefined> {
  return db
    .selectFrom('status_page_incidents')
    .selectAll()
    .where('next_transition_at', '<=', now)
    .orderBy('next_transition_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function selectNextMaintenanceDue(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('status_page_incidents')
    .select((eb) => eb.fn.min('next_transition_at').as('at'))
    .where('next_transition_at', 'is not', null)
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

export async function setNextTransitionAt(db: Db, id: string, at: Date | null): Promise<void> {
  await db.updateTable('status_page_incidents').set({ next_transition_at: at }).where('id', '=', id).execute();
}

/** The components a maintenance affects, with their status now and the one they had when it started. */
export async function selectMaintenanceComponents(
  db: Db,
  pageIncidentId: string,
): Promise<
  Array<{
    id: string;
    status: ComponentStatusValue;
    status_before: ComponentStatusValue | null;
    service_id: string | null;
    status_from_signals: boolean;
    status_overridden: boolean;
  }>
> {
  return db
    .selectFrom('status_page_incident_components as a')
    .innerJoin('status_page_components as c', 'c.id', 'a.component_id')
    .select(['c.id', 'c.status', 'a.status_before', 'c.service_id', 'c.status_from_signals', 'c.status_overridden'])
    .where('a.page_incident_id', '=', pageIncidentId)
    .execute();
}

export async function setStatusBefore(
  db: Db,
  pageIncidentId: string,
  componentId: string,
  status: ComponentStatusValue,
): Promise<void> {
  await db
    .updateTable('status_page_incident_components')
    .set({ status_before: status })
    .where('page_incident_id', '=', pageIncidentId)
    .where('component_id', '=', componentId)
    .execute();
}

/** Another maintenance in progress (or verifying) on the component: its status before, if any. */
export async function findOtherActiveMaintenance(
  db: Db,
  componentId: string,
  exceptId: string,
): Promise<{ status_before: ComponentStatusValue | null } | undefined> {
  return db
    .selectFrom('status_page_incident_components as a')
    .innerJoin('status_page_incidents as i', 'i.id', 'a.page_incident_id')
    .select('a.status_before')
    .where('a.component_id', '=', componentId)
    .where('i.id', '!=', exceptId)
    .where('i.kind', '=', 'maintenance')
    .where('i.state', 'in', ['in_progress', 'verifying'])
    .executeTakeFirst();
}

/** What a render shows: every maintenance not completed, and the last `limit` completed; latest window first. */
export async function selectMaintenancesForRender(db: Db, pageId: string, limit: number): Promise<PageIncidentRow[]> {
  const base = () =>
    db.selectFrom('status_page_incidents').selectAll().where('page_id', '=', pageId).where('kind', '=', 'maintenance');
  const [open, done] = await Promise.all([
    base().where('state', '!=', 'completed').execute(),
    base()
      .where('state', '=', 'completed')
      .orderBy('scheduled_for', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return [...open, ...done].sort(
    (a, b) => b.scheduled_for!.getTime() - a.scheduled_for!.getTime() || Number(b.seq) - Number(a.seq),
  );
}

/**
 * The status history of a page's components from `from` on, oldest first,
 * each component's first row being the status it held at `from` (the last
 * change before it), when there is one.
 */
export async function selectHistorySince(
  db: Db,
  pageId: string,
  from: Date,
): Promise<Array<{ component_id: string; status: ComponentStatusValue; at: Date }>> {
  const result = await sql<{ component_id: string; status: ComponentStatusValue; at: Date }>`
    SELECT component_id, status, at FROM (
      SELECT DISTINCT ON (h.component_id) h.component_id, h.status, h.at, h.seq
        FROM status_page_component_history h
        JOIN status_page_components c ON c.id = h.component_id
       WHERE c.page_id = ${pageId} AND h.at < ${from}
       ORDER BY h.component_id, h.at DESC, h.seq DESC
    ) before
    UNION ALL
    SELECT h.component_id, h.status, h.at FROM status_page_component_history h
      JOIN status_page_components c ON c.id = h.component_id
     WHERE c.page_id = ${pageId} AND h.at >= ${from}
    ORDER BY 1, 3`.execute(db);
  return result.rows;
}

/** Page incidents (not maintenances) open at some time since `from`, with their components. */
export async function selectIncidentsSince(
  db: Db,
  pageId: string,
  from: Date,
  limit: number,
): Promise<Array<{ id: string; title: string; created_at: Date; resolved_at: Date | null; component_ids: string[] }>> {
  const result = await sql<{
    id: string;
    title: string;
    created_at: Date;
    resolved_at: Date | null;
    component_ids: string[];
  }>`
    SELECT i.id, i.title, i.created_at, i.resolved_at,
           coalesce(array_agg(a.component_id) FILTER (WHERE a.component_id IS NOT NULL), '{}') AS component_ids
      FROM status_page_incidents i
      LEFT JOIN status_page_incident_components a ON a.page_incident_id = i.id
     WHERE i.page_id = ${pageId} AND i.kind = 'incident' AND (i.resolved_at IS NULL OR i.resolved_at >= ${from})
     GROUP BY i.id
     ORDER BY i.created_at DESC
     LIMIT ${limit}`.execute(db);
  return result.rows;
}
