/**
 * Planning the detailed status's review on one declared incident: the state
 * the pure rule reads (response.review.ts) and the due time it gives, written
 * after every change that may move it (a save, a stage or severity change)
 * and by the reconciler after each reminder.
 */
import type { Db } from '../../db/client.js';
import { findResponse, findSeverity, updateResponse, type ResponseRow } from './response.repo.js';
import { lastDetailedStatusSavedAt, setNextReviewReminderAt } from './response.review.repo.js';
import { nextReviewReminderAt, type ReviewState } from './response.review.js';

interface Reviewed {
  incident: { id: string };
  response: ResponseRow;
}

const later = (a: Date | null, b: Date | null): Date | null => (a && b ? (a > b ? a : b) : (a ?? b));

/** The state the review rule reads, now: a save that left the text as it was counts as a save. */
export async function reviewState(db: Db, { incident, response }: Reviewed): Promise<ReviewState> {
  return {
    minutes: (await findSeverity(db, response.severity))?.detailed_status_review_minutes ?? null,
    stage: response.stage,
    nearMiss: response.near_miss,
    declaredAt: response.declared_at,
    lastSavedAt: later(await lastDetailedStatusSavedAt(db, incident.id), response.review_confirmed_at),
    remindedAt: response.review_reminded_at,
  };
}

/** Writes when the owner is next reminded, when it moved. */
export async function replanReviewReminder(db: Db, declared: Reviewed): Promise<void> {
  const at = nextReviewReminderAt(await reviewState(db, declared));
  if ((at?.getTime() ?? null) === (declared.response.next_review_reminder_at?.getTime() ?? null)) return;
  await setNextReviewReminderAt(db, declared.incident.id, at);
  declared.response.next_review_reminder_at = at;
}

/**
 * The detailed status of a declared incident was just saved (the documents
 * module calls this in the saving transaction, which holds the incident's
 * row): the next reminder moves to one interval after the save. A save that
 * left the text as it was (`unchanged`, no new version) is remembered here,
 * as the owner's "still current".
 */
export async function detailedStatusSaved(
  db: Db,
  incidentId: string,
  options: { unchanged: boolean; at: Date },
): Promise<void> {
  const response = await findResponse(db, incidentId, { forUpdate: true });
  if (!response) return;
  if (options.unchanged) {
    await updateResponse(db, incidentId, { review_confirmed_at: options.at });
    response.review_confirmed_at = options.at;
  }
  await replanReviewReminder(db, { incident: { id: incidentId }, response });
}
