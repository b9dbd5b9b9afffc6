/**
 * The only SQL on incidents. It also reads the names it shows beside them
 * (service names and slugs, user names), as escalation's targetLabels does, so a list is one query
 * and not one per row, and, for the API view and the audit log, the paging
 * state beside each incident (incident_escalations, which only the paging
 * module writes: read here by a join, never written).
 */
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import { flushDeferred, insertDeferrable, returnedRows } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { lockKeys, lockOrder } from '../../db/locks.js';
import type { IncidentsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';
import type { IncidentFilters } from './incidents.schema.js';
import type { Actor } from '../../lib/actor.js';
import { incidentVisibleTo } from './incidents.visibility.js';

/** A row of the incidents table alone. */
export type IncidentRecordRow = Selectable<IncidentsTable>;

/** What the view and the audit log show of an incident's paging state (incident_escalations). */
export interface PagingState {
  escalation_policy: unknown;
  escalation_level: number;
  escalation_loop: number;
  next_escalation_at: Date | null;
  assignee_ids: string[];
  snoozed_until: Date | null;
}

/** An incident as read for its view: its record and its paging state; `updated_at` is the later of the two. */
export type IncidentRow = IncidentRecordRow & PagingState;
/** What the incident's view shows of its response (the response module's table, read only; ADR 17). */
export interface ResponseSummaryColumns {
  response_severity: string | null;
  response_stage: string | null;
  response_near_miss: boolean | null;
  response_private: boolean | null;
  response_owner_id: string | null;
}
export type IncidentWithService = IncidentRow & { service_slug: string; service_name: string } & ResponseSummaryColumns;

/**
 * Writes a new incident: at the commit in a fail-fast batch, with the batch's
 * other new incidents in one statement and before the rows that refer to it
 * (db/batch.ts), at once anywhere else. Its number is the sequence's next
 * when it is written (incidentNumbers). Every other function here writes a
 * batch's new incidents first (`written`), so none reads past one.
 */
export async function insertIncident(db: Db, row: Insertable<IncidentsTable>): Promise<void> {
  await insertDeferrable(db, 'incidents', row, { writtenFirst: true, returning: ['id', 'number'] });
}

/** Writes the new incidents this transaction holds for its commit, before a statement on the table. */
const written = (db: Db): Promise<void> => flushDeferred(db, 'incidents');

/**
 * The numbers of these incidents, by id (writing first those a batch holds):
 * those a batch wrote as they were written, the others in one query.
 */
export async function selectIncidentNumbers(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  await written(db);
  const numbers = new Map<string, number>();
  for (const row of returnedRows(db, 'incidents')) numbers.set(row.id as string, Number(row.number));
  const others = [...new Set(ids)].filter((id) => !numbers.has(id));
  if (others.length === 0) return numbers;
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'number'])
    .where('id', '=', sql<string>`ANY(${others}::uuid[])`)
    .execute();
  for (const row of rows) numbers.set(row.id, Number(row.number));
  return numbers;
}

export async function updateIncidentRow(db: Db, id: string, patch: Updateable<IncidentsTable>): Promise<void> {
  await written(db);
  await db.updateTable('incidents').set(patch).where('id', '=', id).execute();
}

/** The incident's own columns and its paging state (an incident whose paging row is not written yet shows the defaults). */
function withPaging(db: Db) {
  return db
    .selectFrom('incidents as i')
    .leftJoin('incident_escalations as e', 'e.incident_id', 'i.id')
    .select([
      'i.id',
      'i.number',
      'i.service_id',
      'i.title',
      'i.status',
      'i.urgency',
      'i.priority',
      'i.group_key',
      'i.triggered_at',
      'i.acknowledged_at',
      'i.acknowledged_by',
      'i.resolved_at',
      'i.resolved_by',
      'i.alert_count',
      'i.created_by',
      'i.created_at',
      'i.declared_at',
      sql<unknown>`coalesce(e.escalation_policy, '{}'::jsonb)`.as('escalation_policy'),
      sql<number>`coalesce(e.escalation_level, 0)`.as('escalation_level'),
      sql<number>`coalesce(e.escalation_loop, 0)`.as('escalation_loop'),
      'e.next_escalation_at',
      sql<string[]>`coalesce(e.assignee_ids, '{}')`.as('assignee_ids'),
      'e.snoozed_until',
      sql<Date>`greatest(i.updated_at, e.updated_at)`.as('updated_at'),
    ]);
}

/**
 * By uuid or by number (what people type, with or without '#'), with its
 * paging state; the incident is locked for the rest of the transaction when
 * `forUpdate` (paging writes its state only while holding that lock).
 */
export async function findIncidentRow(
  db: Db,
  idOrNumber: string,
  options: { forUpdate?: boolean } = {},
): Promise<IncidentRow | undefined> {
  const key = idOrNumber.replace(/^#/, ''); // "#42", as people write it
  const byNumber = /^\d{1,15}$/.test(key);
  if (!byNumber && !isUuid(key)) return undefined;
  await written(db);
  let q = withPaging(db).where(byNumber ? 'i.number' : 'i.id', '=', key);
  if (options.forUpdate) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

/** The open incident that alerts with this group key join, locked. */
export async function findOpenIncidentByGroupKey(
  db: Db,
  serviceId: string,
  groupKey: string,
): Promise<IncidentRecordRow | undefined> {
  await written(db);
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('group_key', '=', groupKey)
    .where('status', '<>', 'resolved')
    .forUpdate()
    .executeTakeFirst();
}

const groupLockKey = (serviceId: string, groupKey: string) => `incident-group:${serviceId}:${groupKey}`;

/** Serialises deciding "join or open" for one group key across transactions and nodes. */
export async function lockGroupKey(db: Db, serviceId: string, groupKey: string): Promise<void> {
  await lockKeys(db, [groupLockKey(serviceId, groupKey)]);
}

/**
 * Locks these (service, group key) pairs as lockGroupKey locks one, and returns
 * their open incidents, locked, read after the locks were granted (so an
 * incident opened by the group's previous holder is seen): one round trip
 * (migration 0031's open_group_incidents_locked).
 */
export async function lockGroupKeysAndFindOpen(
  db: Db,
  groups: Array<{ serviceId: string; groupKey: string }>,
): Promise<IncidentRecordRow[]> {
  if (groups.length === 0) return [];
  await written(db);
  // Each pair once (a batch's triggers often share one), by its lock key.
  const byKey = new Map(groups.map((g) => [groupLockKey(g.serviceId, g.groupKey), g]));
  const keys = lockOrder([...byKey.keys()]);
  const pairs = [...byKey.values()];
  const result = await sql<IncidentRecordRow>`
    SELECT * FROM open_group_incidents_locked(${keys}::text[],
      ${pairs.map((g) => g.serviceId)}::uuid[], ${pairs.map((g) => g.groupKey)}::text[])`.execute(db);
  return result.rows;
}

export async function incrementAlertCount(db: Db, id: string, now: Date): Promise<IncidentRecordRow> {
  await written(db);
  return db
    .updateTable('incidents')
    .set((eb) => ({ alert_count: eb('alert_count', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Counts alerts that joined an incident another way than one by one (a merge). */
export async function addToAlertCount(db: Db, id: string, count: number, now: Date): Promise<void> {
  await written(db);
  await db
    .updateTable('incidents')
    .set((eb) => ({ alert_count: eb('alert_count', '+', count), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

function withService(db: Db) {
  return withPaging(db)
    .innerJoin('services as s', 's.id', 'i.service_id')
    .leftJoin('incident_responses as r', 'r.incident_id', 'i.id')
    .select([
      's.slug as service_slug',
      's.name as service_name',
      'r.severity as response_severity',
      'r.stage as response_stage',
      'r.near_miss as response_near_miss',
      'r.private as response_private',
      'r.owner_id as response_owner_id',
    ]);
}

export async function selectIncidentWithService(db: Db, id: string): Promise<IncidentWithService | undefined> {
  await written(db);
  return withService(db).where('i.id', '=', id).executeTakeFirst();
}

/** Newest first (by number); `cursor` is the last number of the previous page. */
export async function selectIncidents(
  db: Db,
  filters: IncidentFilters & { limit: number; visibleTo: Actor },
): Promise<IncidentWithService[]> {
  await written(db);
  let q = withService(db)
    .where(incidentVisibleTo(filters.visibleTo, 'i.id'))
    .orderBy('i.number', 'desc')
    .limit(filters.limit);
  if (filters.status?.length) q = q.where('i.status', 'in', filters.status);
  if (filters.serviceId) q = q.where('i.service_id', '=', filters.serviceId);
  if (filters.teamId) q = q.where('s.team_id', '=', filters.teamId);
  if (filters.urgency) q = q.where('i.urgency', '=', filters.urgency);
  if (filters.severity?.length) q = q.where('r.severity', 'in', filters.severity);
  if (filters.stage?.length) q = q.where('r.stage', 'in', filters.stage);
  if (filters.declared !== undefined) q = q.where('i.declared_at', filters.declared ? 'is not' : 'is', null);
  if (filters.nearMiss !== undefined) q = q.where('r.near_miss', '=', filters.nearMiss);
  const holder = filters.mineOf;
  if (filters.role || holder) {
    // Someone holds the role now (the viewer, with mine); or, with mine alone, the viewer owns it, holds any role or is assigned it.
    const held = (eb: ExpressionBuilder<any, any>) => {
      let sub = eb
        .selectFrom('incident_role_holders as h')
        .select('h.id')
        .whereRef('h.incident_id', '=', 'i.id')
        .where('h.ended_at', 'is', null);
      if (filters.role)
        sub = sub.where(
          'h.role_id',
          'in',
          eb.selectFrom('response_roles').select('id').where('slug', '=', filters.role),
        );
      if (holder) sub = sub.where('h.user_id', '=', holder);
      return eb.exists(sub);
    };
    // Mine alone also means "paged to me": an on-call person's incidents are the ones assigned to them.
    q = q.where((eb) =>
      holder && !filters.role
        ? eb.or([eb('r.owner_id', '=', holder), held(eb), sql<boolean>`${holder}::uuid = ANY(e.assignee_ids)`])
        : held(eb),
    );
  }
  if (filters.cursor) q = q.where('i.number', '<', filters.cursor);
  return q.execute();
}
