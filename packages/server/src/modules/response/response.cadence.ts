/**
 * The status update cadence (seed 004: "update at regular intervals in
 * accordance with the severity"), as pure functions: when the next update is
 * owed, and when the CMOC (or the owner) is reminded. The first reminder
 * falls when the update is due, then one every cadence interval until an
 * update is posted or the incident is no longer active.
 */
import type { Stage } from './response.schema.js';

export interface CadenceState {
  /** The severity's update_minutes; null = no cadence. */
  minutes: number | null;
  stage: Stage;
  nearMiss: boolean;
  declaredAt: Date;
  /** The last update posted; null = none yet. */
  lastUpdateAt: Date | null;
  /** The last reminder sent since that update; null = none. */
  remindedAt: Date | null;
}

const ACTIVE: readonly Stage[] = ['investigating', 'identified', 'monitoring'];
const plus = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

/** When the next update is owed (in the past when overdue), or null when none is. */
export function nextUpdateDueAt(state: CadenceState): Date | null {
  if (state.minutes === null || state.nearMiss || !ACTIVE.includes(state.stage)) return null;
  return plus(state.lastUpdateAt ?? state.declaredAt, state.minutes);
}

/** When the next reminder falls due: at the due time, then every cadence interval after the last reminder. */
export function nextReminderAt(state: CadenceState): Date | null {
  const due = nextUpdateDueAt(state);
  if (!due || state.minutes === null) return null;
  if (state.remindedAt && state.remindedAt.getTime() >= due.getTime()) return plus(state.remindedAt, state.minutes);
  return due;
}
