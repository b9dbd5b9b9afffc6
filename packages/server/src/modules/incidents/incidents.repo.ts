/**
 * The only SQL on incidents. It also reads the names it shows beside them
 * (service names and slugs, user names), as escalation's targetLabels does, so a list is one query
 * and not one per row.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { lockKeys } from '../../db/locks.js';
import { wakeEngines } from '../../db/outbox.js';
import type { IncidentsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';
import type { IncidentFilters } from './incidents.schema.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type IncidentWithService = IncidentRow & { service_slug: string; service_name: string };

export async function insertIncident(db: Db, row: Insertable<IncidentsTable>): Promise<IncidentRow> {
  return db.insertInto('incidents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateIncidentRow(db: Db, id: string, patch: Updateable<IncidentsTable>): Promise<IncidentRow> {
  return db.updateTable('incidents').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** By uuid or by number (what people type, with or without '#'); locked for the rest of the transaction when `forUpdate`. */
export async function findIncidentRow(db: Db, idOrNumber: string, options: { forUpdate?: boolean } = {}): Promise<IncidentRow | undefined> {
  const key = idOrNumber.replace(/^#/, ''); // "#42", as people write it
  const byNumber = /^\d{1,15}$/.test(key);
  if (!byNumber && !isUuid(key)) return undefined;
  let q = db.selectFrom('incidents').selectAll().where(byNumber ? 'number' : 'id', '=', key);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The open incident that alerts with this group key join, locked. */
export async function findOpenIncidentByGroupKey(db: Db, serviceId: string, groupKey: string): Promise<IncidentRow | undefined> {
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
  await lockGroupKeys(db, [{ serviceId, groupKey }]);
}

/** lockGroupKey for several group keys in one statement (db/locks.ts: in order, so two transactions cannot deadlock). */
export async function lockGroupKeys(db: Db, groups: Array<{ serviceId: string; groupKey: string }>): Promise<void> {
  await lockKeys(db, groups.map((g) => `incident-group:${g.serviceId}:${g.groupKey}`));
}

/** The open incidents of these (service, group key) pairs, locked: one query. */
export async function findOpenIncidentsByGroupKeys(db: Db, groups: Array<{ serviceId: string; groupKey: string }>): Promise<IncidentRow[]> {
  if (groups.length === 0) return [];
  const result = await sql<IncidentRow>`
    SELECT i.* FROM incidents i
    JOIN unnest(${groups.map((g) => g.serviceId)}::uuid[], ${groups.map((g) => g.groupKey)}::text[]) AS g(service_id, group_key)
      ON i.service_id = g.service_id AND i.group_key = g.group_key
    WHERE i.status <> 'resolved'
    FOR UPDATE OF i`.execute(db);
  return result.rows;
}

export async function incrementAlertCount(db: Db, id: string, now: Date): Promise<IncidentRow> {
  return db
    .updateTable('incidents')
    .set((eb) => ({ alert_count: eb('alert_count', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The triggered incident whose next escalation step is most overdue, locked; others' locked rows are skipped. */
export async function claimDueEscalation(db: Db, now: Date): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '=', 'triggered')
    .where('next_escalation_at', '<=', now)
    .orderBy('next_escalation_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** An acknowledged incident whose snooze has ended, locked. */
export async function claimEndedSnooze(db: Db, now: Date): Promise<IncidentRow | undefined> {
  return db
    .selectFrom('incidents')
    .selectAll()
    .where('status', '=', 'acknowledged')
    .where('snoozed_until', '<=', now)
    .orderBy('snoozed_until')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** The earliest instant at which an escalation step or a snooze's end falls due. */
export async function selectNextDueAt(db: Db): Promise<Date | null> {
  const row = await sql<{ next: Date | null }>`
    SELECT least(
      (SELECT min(next_escalation_at) FROM incidents WHERE status = 'triggered' AND next_escalation_at IS NOT NULL),
      (SELECT min(snoozed_until) FROM incidents WHERE status = 'acknowledged' AND snoozed_until IS NOT NULL)
    ) AS next`.execute(db);
  return row.rows[0]?.next ?? null;
}

/** Wakes every node's engine when the transaction commits (a step became due now); `evenFromEngine` also from the engine's own sessions. */
export async function wakeEngine(db: Db, options: { evenFromEngine?: boolean } = {}): Promise<void> {
  await wakeEngines(db, 'incidents', options);
}

function withService(db: Db) {
  return db
    .selectFrom('incidents as i')
    .innerJoin('services as s', 's.id', 'i.service_id')
    .selectAll('i')
    .select(['s.slug as service_slug', 's.name as service_name']);
}

export async function selectIncidentWithService(db: Db, id: string): Promise<IncidentWithService | undefined> {
  return withService(db).where('i.id', '=', id).executeTakeFirst();
}

/** Newest first (by number); `cursor` is the last number of the previous page. */
export async function selectIncidents(db: Db, filters: IncidentFilters & { limit: number }): Promise<IncidentWithService[]> {
  let q = withService(db).orderBy('i.number', 'desc').limit(filters.limit);
  if (filters.status?.length) q = q.where('i.status', 'in', filters.status);
  if (filters.serviceId) q = q.where('i.service_id', '=', filters.serviceId);
  if (filters.teamId) q = q.where('s.team_id', '=', filters.teamId);
  if (filters.urgency) q = q.where('i.urgency', '=', filters.urgency);
  if (filters.cursor) q = q.where('i.number', '<', filters.cursor);
  return q.execute();
}

export interface UserName {
  id: string;
  name: string;
  is_disabled: boolean;
}

export async function selectUserNames(db: Db, ids: string[]): Promise<UserName[]> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (wanted.length === 0) return [];
  return db.selectFrom('users').select(['id', 'name', 'is_disabled']).where('id', 'in', wanted).execute();
}
