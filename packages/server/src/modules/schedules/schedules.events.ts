/**
 * Events the schedules module publishes (db/outbox.ts publishEvent) for
 * others to react to, notify above all: people whose time on call changes
 * hear about it, and a person coming on call is told at the start of a shift.
 * Each carries every user id the message concerns.
 */
export const SCHEDULE_OVERRIDE_CREATED = 'ScheduleOverrideCreated';
export const SCHEDULE_OVERRIDE_REMOVED = 'ScheduleOverrideRemoved';
export const SWAP_OFFERED = 'SwapOffered';
export const SWAP_TAKEN = 'SwapTaken';
export const SHIFT_STARTED = 'ShiftStarted';

export interface ScheduleOverrideEvent {
  scheduleId: string;
  scheduleName: string;
  overrideId: string;
  kind: 'add' | 'replace' | 'remove';
  userId: string;
  replacesUserId: string | null;
  startsAt: string;
  endsAt: string;
  /** Everyone whose time on call the override changes (for removal: changes back). */
  affectedUserIds: string[];
  actorLabel: string;
}

export interface SwapOfferedEvent {
  scheduleId: string;
  scheduleName: string;
  swapId: string;
  offeredBy: string;
  /** Asked by name: only this person may take it. Null: offered to everyone in the schedule. */
  requestedUserId: string | null;
  startsAt: string;
  endsAt: string;
  note: string;
}

export interface SwapTakenEvent {
  scheduleId: string;
  scheduleName: string;
  swapId: string;
  overrideId: string;
  offeredBy: string;
  takenBy: string;
  startsAt: string;
  endsAt: string;
  actorLabel: string;
}

/** Published once per shift, when it starts (idempotency key: schedule, user, start). */
export interface ShiftStartedEvent {
  scheduleId: string;
  scheduleName: string;
  userId: string;
  startsAt: string;
  /** Null when the shift runs past the look-ahead (five weeks). */
  endsAt: string | null;
  /** Who was on call until this shift began (the first of them, if several), if anyone left. */
  previousUserId: string | null;
  /** Everyone who went off call at this moment. */
  previousUserIds: string[];
}
