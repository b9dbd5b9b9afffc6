/**
 * The SQL on alerts and on inbound_events past their insert (inbound.ts
 * stores them); the alert list's query is in alerts.queries.ts. Claiming an event also reads its integration key's service
 * and name from integration_keys (owned by services), in the same query.
 */
import { sql, type Insertable, type RawBuilder, type Selectable, type Updateable } from 'kysely';
import { flushDeferred, insertDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import type { AlertsTable, IntegrationType } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type AlertRow = Selectable<AlertsTable>;

export interface ClaimedEvent {
  id: string;
  integration_key_id: string;
  action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  alert: unknown;
  raw: unknown;
  received_at: Date;
  service_id: string;
  key_name: string;
  key_type: IntegrationType;
}

/**
 * Up to `limit` of the oldest unprocessed events whose (key, dedup key) has no
 * older unprocessed event, locked; events other nodes hold are skipped. So
 * events of one dedup key are processed one at a time, in the order they
 * arrived, while different dedup keys go in parallel. `onlyId` claims that
 * one event, on the same terms.
 *
 * The oldest CLAIM_WINDOW unprocessed events are read first (their ids
 * only, from the index of pending events), and the first of each dedup key
 * among them is a candidate: an older unprocessed event of the same key is
 * necessarily among them too. Then up to `limit` candidates not held by
 * another worker are locked, in order, by id. The work is bounded by the
 * window whatever the planner believes of the table: inbound_events grows
 * from empty and is mostly unanalysed during a storm, and an anti-join of
 * every pending event with every other (the planner's choice then) cost
 * 60-150 ms a claim with a few thousand waiting (ADR 35).
 */
export async function claimEvents(db: Db, limit: number, onlyId?: string): Promise<ClaimedEvent[]> {
  if (onlyId !== undefined) return claimOne(db, onlyId);
  const window = Math.max(CLAIM_WINDOW, limit * 16);
  const result = await sql<ClaimedEvent>`
    SELECT e.id, e.integration_key_id, e.action, e.dedup_key, e.alert, e.raw, e.received_at,
           k.service_id, k.name AS key_name, k.type AS key_type
    FROM inbound_events e
    JOIN integration_keys k ON k.id = e.integration_key_id
    WHERE e.processed_at IS NULL
      AND e.id = ANY(ARRAY(
        SELECT DISTINCT ON (head.integration_key_id, head.dedup_key) head.id
        FROM (
          SELECT id, integration_key_id, dedup_key FROM inbound_events
          WHERE processed_at IS NULL
          ORDER BY id
          LIMIT ${window}) head
        ORDER BY head.integration_key_id, head.dedup_key, head.id))
    ORDER BY e.id
    LIMIT ${limit}
    FOR UPDATE OF e SKIP LOCKED`.execute(db);
  return result.rows;
}

/** Unprocessed events a claim looks at, oldest first (more for a larger claim). */
export const CLAIM_WINDOW = 1024;

/** The one event `id`, if unprocessed, not held elsewhere, and no older event of its dedup key waits. */
async function claimOne(db: Db, id: string): Promise<ClaimedEvent[]> {
  const result = await sql<ClaimedEvent>`
    SELECT e.id, e.integration_key_id, e.action, e.dedup_key, e.alert, e.raw, e.received_at,
           k.service_id, k.name AS key_name, k.type AS key_type
    FROM inbound_events e
    JOIN integration_keys k ON k.id = e.integration_key_id
    WHERE e.processed_at IS NULL AND e.id = ${id}
      AND NOT EXISTS (
        SELECT 1 FROM inbound_events older
        WHERE older.processed_at IS NULL
          AND older.integration_key_id = e.integration_key_id
          AND older.dedup_key = e.dedup_key
          AND older.id < e.id)
    FOR UPDATE OF e SKIP LOCKED`.execute(db);
  return result.rows;
}

/** What processing did with each of a batch's events, to keep on their rows. */
export interface ProcessedEvents {
  results: Array<{ id: string; result: string }>;
  at: Date;
}

/** The UPDATE that keeps `processed` on the events' rows (markEventsProcessed, or with the alerts' log: recordAlertEvents). */
export function markEventsProcessedStatement({ results, at }: ProcessedEvents): RawBuilder<unknown> {
  const ids = results.map((r) => r.id);
  const texts = results.map((r) => r.result.slice(0, 2000));
  return sql`
    UPDATE inbound_events e SET processed_at = ${at}, result = r.result
    FROM unnest(${ids}::bigint[], ${texts}::text[]) AS r(id, result)
    WHERE e.id = r.id`;
}

/** Keeps what processing did with each event; one statement for the lot. */
export async function markEventsProcessed(
  db: Db,
  results: Array<{ id: string; result: string }>,
  at: Date,
): Promise<void> {
  if (results.length === 0) return;
  await markEventsProcessedStatement({ results, at }).execute(db);
}

export async function selectOldestPendingAt(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('inbound_events')
    .select((eb) => eb.fn.min('received_at').as('oldest'))
    .where('processed_at', 'is', null)
    .executeTakeFirst();
  return (row?.oldest as Date | null | undefined) ?? null;
}

/** The open (not resolved) alert for a dedup key, locked. */
export async function findOpenAlert(db: Db, integrationKeyId: string, dedupKey: string): Promise<AlertRow | undefined> {
  await flushDeferred(db, 'alerts');
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('integration_key_id', '=', integrationKeyId)
    .where('dedup_key', '=', dedupKey)
    .where('status', '<>', 'resolved')
    .forUpdate()
    .executeTakeFirst();
}

/** The open alerts of these (key, dedup key) pairs, locked, by openAlertKey: one query for a batch. */
export async function findOpenAlerts(
  db: Db,
  pairs: Array<{ integrationKeyId: string; dedupKey: string }>,
): Promise<Map<string, AlertRow>> {
  await flushDeferred(db, 'alerts');
  if (pairs.length === 0) return new Map();
  const result = await sql<AlertRow>`
    SELECT a.* FROM alerts a
    JOIN unnest(${pairs.map((p) => p.integrationKeyId)}::uuid[], ${pairs.map((p) => p.dedupKey)}::text[]) AS p(key_id, dedup_key)
      ON a.integration_key_id = p.key_id AND a.dedup_key = p.dedup_key
    WHERE a.status <> 'resolved'
    FOR UPDATE OF a`.execute(db);
  return new Map(result.rows.map((row) => [openAlertKey(row.integration_key_id ?? '', row.dedup_key), row]));
}

export const openAlertKey = (integrationKeyId: string, dedupKey: string): string => `${integrationKeyId} ${dedupKey}`;

/**
 * Writes a new alert; the caller made every column it needs, so nothing is
 * read back. In a batch (db/batch.ts) it is written with the batch's other
 * new alerts in one INSERT, before anything reads or changes alerts again
 * (every function here that does flushes them first) or at the commit.
 */
export async function insertAlert(db: Db, row: Insertable<AlertsTable>): Promise<void> {
  await insertDeferrable(db, 'alerts', row);
}

export async function updateAlertRow(db: Db, id: string, patch: Updateable<AlertsTable>): Promise<AlertRow> {
  await flushDeferred(db, 'alerts');
  return db.updateTable('alerts').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Adds one trigger to an open alert: the latest payload wins, the count goes up. */
export async function addTrigger(db: Db, id: string, patch: Updateable<AlertsTable>): Promise<AlertRow> {
  await flushDeferred(db, 'alerts');
  return db
    .updateTable('alerts')
    .set((eb) => ({ ...patch, trigger_count: eb('trigger_count', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countOpenAlertsOfIncident(db: Db, incidentId: string): Promise<number> {
  await flushDeferred(db, 'alerts');
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('incident_id', '=', incidentId)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function resolveOpenAlertsOfIncident(db: Db, incidentId: string, at: Date): Promise<number> {
  await flushDeferred(db, 'alerts');
  const result = await db
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: at, updated_at: at })
    .where('incident_id', '=', incidentId)
    .where('status', '<>', 'resolved')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function selectAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  await flushDeferred(db, 'alerts');
  if (!isUuid(id)) return undefined;
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectAlertsOfIncident(db: Db, incidentId: string): Promise<AlertRow[]> {
  await flushDeferred(db, 'alerts');
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('first_triggered_at')
    .orderBy('id')
    .execute();
}

/** Moves every alert of one incident to another; returns how many moved. */
export async function moveAlertsToIncident(db: Db, fromId: string, toId: string, now: Date): Promise<number> {
  await flushDeferred(db, 'alerts');
  const result = await db
    .updateTable('alerts')
    .set({ incident_id: toId, updated_at: now })
    .where('incident_id', '=', fromId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
