/**
 * The SQL on alert_events: every event an alert received, as received
 * (PagerDuty's alert log). A batch's events are written in one statement
 * that also drops what falls past the newest KEPT_EVENTS_PER_ALERT of each
 * alert it touches, so keeping the log costs the ingest pipeline one
 * statement per batch, not one per event (ADR 14).
 */
import { sql, type Selectable } from 'kysely';
import { flushDeferred } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import type { AlertEventsTable } from '../../db/schema.js';
import { markEventsProcessed, markEventsProcessedStatement, type ProcessedEvents } from './alerts.repo.js';
import { storableJson } from './inbound.js';

export type AlertEventRow = Selectable<AlertEventsTable>;

/** How many events an alert keeps, newest first (docs/integrations.md). */
export const KEPT_EVENTS_PER_ALERT = 100;

export interface NewAlertEvent {
  alertId: string;
  inboundEventId: string;
  action: AlertEventsTable['action'];
  receivedAt: Date;
  source: string;
  summary: string | null;
  payload: unknown;
}

/**
 * Inserts the events, in order, and prunes each alert they belong to down to
 * its newest KEPT_EVENTS_PER_ALERT: one statement, which also keeps what
 * processing did with the inbound events when `processed` is given. The
 * DELETE sees the table as it was before the INSERT, so it keeps that many
 * minus the alert's new rows of the old ones. Each alert's old rows are read newest first through
 * its index, and the rows past the kept ones deleted by id: a plan that does
 * not depend on the table's statistics (joining the batch's alerts to the
 * whole table read every row of a young table; ADR 34).
 */
export async function recordAlertEvents(db: Db, events: NewAlertEvent[], processed?: ProcessedEvents): Promise<void> {
  if (events.length === 0) {
    if (processed) await markEventsProcessed(db, processed.results, processed.at);
    return;
  }
  // Their alerts first: a batch's new alerts may still wait to be written (insertAlert).
  await flushDeferred(db, 'alerts');
  const trim = sql`DELETE FROM alert_events WHERE id = ANY(ARRAY(
      SELECT past.id FROM added_per_alert a
      CROSS JOIN LATERAL (
        SELECT old.id FROM alert_events old WHERE old.alert_id = a.alert_id
        ORDER BY old.id DESC OFFSET greatest(0, ${KEPT_EVENTS_PER_ALERT} - a.added)) past))`;
  // With the events' results, the trim is one more part of the WITH (run to completion, read or not).
  const tail = processed?.results.length
    ? sql`, trimmed AS (${trim}) ${markEventsProcessedStatement(processed)}`
    : sql` ${trim}`;
  await sql`
    WITH added AS (
      INSERT INTO alert_events (alert_id, inbound_event_id, action, received_at, source, summary, payload)
      SELECT e.alert_id, e.inbound_event_id, e.action, e.received_at, e.source, e.summary, e.payload::jsonb
      FROM unnest(
        ${events.map((e) => e.alertId)}::uuid[], ${events.map((e) => e.inboundEventId)}::bigint[], ${events.map((e) => e.action)}::text[],
        ${events.map((e) => e.receivedAt)}::timestamptz[], ${events.map((e) => e.source)}::text[], ${events.map((e) => e.summary)}::text[],
        ${events.map((e) => storableJson(e.payload))}::text[]
      ) WITH ORDINALITY AS e(alert_id, inbound_event_id, action, received_at, source, summary, payload, n)
      ORDER BY e.n
      RETURNING alert_id
    ), added_per_alert AS (SELECT alert_id, count(*) AS added FROM added GROUP BY alert_id)${tail}`.execute(db);
}

/** A page of an alert's events, newest first, starting after the event `beforeId` when given. */
export async function selectAlertEventPage(
  db: Db,
  alertId: string,
  limit: number,
  beforeId?: string,
): Promise<AlertEventRow[]> {
  let query = db.selectFrom('alert_events').selectAll().where('alert_id', '=', alertId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
