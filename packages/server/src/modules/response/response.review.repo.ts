/**
 * The SQL of the detailed status's review (migration 0017): when the detailed
 * status was last saved (read from the documents module's revisions, never
 * copied) and when the next reminder falls due.
 */
import type { Db } from '../../db/client.js';
import { wakeEngines } from '../../db/outbox.js';
import type { SeverityKey } from './response.schema.js';

/** When the detailed status of the incident was last saved; null when it never was. */
export async function lastDetailedStatusSavedAt(db: Db, incidentId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('incident_document_revisions')
    .select('saved_at')
    .where('incident_id', '=', incidentId)
    .where('section', '=', 'detailed_status')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.saved_at ?? null;
}

/** Sets when the next review reminder falls due, waking the engines when one is pending. */
export async function setNextReviewReminderAt(db: Db, incidentId: string, at: Date | null): Promise<void> {
  await db
    .updateTable('incident_responses')
    .set({ next_review_reminder_at: at })
    .where('incident_id', '=', incidentId)
    .execute();
  if (at) await wakeEngines(db, 'response');
}

/**
 * A severity's review interval changed: every active incident of that
 * severity is looked at again now by the reconciler, which reminds the ones
 * now overdue and plans the others.
 */
export async function rearmReviewsOfSeverity(db: Db, severity: SeverityKey, now: Date): Promise<void> {
  const result = await db
    .updateTable('incident_responses')
    .set({ next_review_reminder_at: now })
    .where('severity', '=', severity)
    .where('stage', 'in', ['investigating', 'identified', 'monitoring'])
    .where('near_miss', '=', false)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) await wakeEngines(db, 'response');
}
