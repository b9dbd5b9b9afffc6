/**
 * The detailed status's periodic review (seed 001: "review periodically to
 * keep current"), as pure functions. While a declared incident is active
 * (not resolved, not a near miss) its detailed status falls due for review
 * the severity's minutes after it was last saved, or after the declaration
 * while nobody has written it; the owner is reminded then, and again every
 * interval after the last reminder until someone saves it. The same rule as
 * the update cadence (response.cadence.ts), a save standing for an update.
 */
import { nextReminderAt, nextUpdateDueAt, type CadenceState } from './response.cadence.js';
import type { Stage } from './response.schema.js';

export interface ReviewState {
  /** The severity's detailed_status_review_minutes; null = no review reminder. */
  minutes: number | null;
  stage: Stage;
  nearMiss: boolean;
  declaredAt: Date;
  /** The last save of the detailed status; null = never saved. */
  lastSavedAt: Date | null;
  /** The last review reminder; null = none yet. */
  remindedAt: Date | null;
}

const asCadence = (state: ReviewState): CadenceState => ({
  minutes: state.minutes,
  stage: state.stage,
  nearMiss: state.nearMiss,
  declaredAt: state.declaredAt,
  lastUpdateAt: state.lastSavedAt,
  remindedAt: state.remindedAt,
});

/** When the detailed status is due for review (in the past when overdue), or null when it is not reviewed. */
export const reviewDueAt = (state: ReviewState): Date | null => nextUpdateDueAt(asCadence(state));

/** When the owner is next reminded: at the due time, then every interval after the last reminder. */
export const nextReviewReminderAt = (state: ReviewState): Date | null => nextReminderAt(asCadence(state));
