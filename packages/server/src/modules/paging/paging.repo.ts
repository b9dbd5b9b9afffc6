/**
 * The only SQL on incident_escalations, paging's state of each incident (one
 * row per incident). The claims also lock and read the incident (status,
 * urgency, service) by a join: the incident's own columns are incidents'
 * to write.
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { flushDeferred, insertDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { wakeEngines } from '../../db/outbox.js';
import type { IncidentEscalationsTable, IncidentsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

/** An incident's paging state, with what a step reads of the incident itself. `id` is the incident's. */
export type PagingRow = Selectable<IncidentEscalationsTable> &
  Pick<Selectable<IncidentsTable>, 'id' | 'number' | 'status' | 'urgency' | 'service_id'>;

/**
 * Writes an incident's paging state, once, when paging starts: at the commit
 * in a batch (db/batch.ts), at once anywhere else. A second start of the same
 * incident is a no-op.
 */
export async function insertEscalation(db: Db, row: Insertable<IncidentEscalationsTable>): Promise<void> {
  await insertDeferrable(db, 'incident_escalations', row, { onConflictDoNothing: 'incident_id' });
}

/** Changes an incident's paging state (writing first any state this transaction still holds for its commit). */
export async function updateEscalation(
  db: Db,
  incidentId: string,
  patch: Updateable<IncidentEscalationsTable>,
): Promise<void> {
  await flushDeferred(db, 'incident_escalations');
  await db.updateTable('incident_escalations').set(patch).where('incident_id', '=', incidentId).execute();
}

/**
 * Stops the escalation of an incident that is no longer triggered (acknowledged
 * or resolved); with `endSnooze`, a snooze too. Conditional on the incident's
 * status, so an event delivered late cannot stop an incident triggered again since.
 */
export async function stopEscalation(
  db: Db,
  incidentId: string,
  now: Date,
  options: { endSnooze: boolean; whileStatus: 'acknowledged' | 'resolved' },
): Promise<void> {
  await flushDeferred(db, 'incident_escalations');
  await sql`
    UPDATE incident_escalations e
    SET next_escalation_at = NULL, ${options.endSnooze ? sql`snoozed_until = NULL, ` : sql``}updated_at = ${now}
    FROM incidents i
    WHERE e.incident_id = ${incidentId} AND i.id = e.incident_id AND i.status = ${options.whileStatus}`.execute(db);
}

// The incident first: rows are locked in this order, the order every other
// writer takes them in (the incident, then its paging state), so a waiting
// lock (findPagingRow) cannot deadlock with an acknowledgement.
const claimable = (db: Db) =>
  db
    .selectFrom('incidents as i')
    .innerJoin('incident_escalations as e', 'e.incident_id', 'i.id')
    .selectAll('e')
    .select(['i.id', 'i.number', 'i.status', 'i.urgency', 'i.service_id']);

/** The triggered incident whose next escalation step is most overdue, locked with its paging state; others' locked rows are skipped. */
export async function claimDueEscalation(db: Db, now: Date): Promise<PagingRow | undefined> {
  return claimable(db)
    .where('i.status', '=', 'triggered')
    .where('e.next_escalation_at', '<=', now)
    .orderBy('e.next_escalation_at')
    .orderBy('e.incident_id')
    .limit(1)
    .forUpdate(['i', 'e'])
    .skipLocked()
    .executeTakeFirst();
}

/** An acknowledged incident whose snooze has ended, locked with its paging state. */
export async function claimEndedSnooze(db: Db, now: Date): Promise<PagingRow | undefined> {
  return claimable(db)
    .where('i.status', '=', 'acknowledged')
    .where('e.snoozed_until', '<=', now)
    .orderBy('e.snoozed_until')
    .limit(1)
    .forUpdate(['i', 'e'])
    .skipLocked()
    .executeTakeFirst();
}

/** One incident's paging state, locked with the incident (waiting for other holders). */
export async function findPagingRow(db: Db, incidentId: string): Promise<PagingRow | undefined> {
  await flushDeferred(db, 'incident_escalations'); // and a batch's new incidents before it (db/batch.ts)
  return claimable(db).where('e.incident_id', '=', incidentId).forUpdate(['i', 'e']).executeTakeFirst();
}

/**
 * The earliest instant at which an escalation step or a snooze's end falls due.
 *
 * Each half walks its partial index in time order and stops at the first row
 * whose incident has the status, normally the first row. The status is a
 * subquery per row, which PostgreSQL neither turns into a join nor expects to
 * be rare (a boolean subquery counts as true for half the rows), so this plan
 * holds whatever the statistics say. As a join (min over incident_escalations
 * JOIN incidents) it read every triggered incident, and this runs each time
 * the engine rests.
 */
export async function selectNextDueAt(db: Db): Promise<Date | null> {
  const incidentIs = (status: 'triggered' | 'acknowledged') =>
    sql`(SELECT i.status = ${status} FROM incidents i WHERE i.id = e.incident_id)`;
  const row = await sql<{ next: Date | null }>`
    SELECT least(
      (SELECT e.next_escalation_at FROM incident_escalations e
        WHERE e.next_escalation_at IS NOT NULL AND ${incidentIs('triggered')}
        ORDER BY e.next_escalation_at LIMIT 1),
      (SELECT e.snoozed_until FROM incident_escalations e
        WHERE e.snoozed_until IS NOT NULL AND ${incidentIs('acknowledged')}
        ORDER BY e.snoozed_until LIMIT 1)
    ) AS next`.execute(db);
  return row.rows[0]?.next ?? null;
}

/** Wakes every node's engine when the transaction commits (a step became due now); `evenFromEngine` also from the engine's own sessions. */
export async function wakeEngine(db: Db, options: { evenFromEngine?: boolean } = {}): Promise<void> {
  await wakeEngines(db, 'incidents', options);
}
