/**
 * Events the schedules module publishes (db/outbox.ts publishEvent) for
 * others to react to, notify above all: people whose time on call changes
 * hear about it, people who could cover an offered swap are asked, and a
 * person coming on call is told at the start of a shift. Each carries every
 * user id the message concerns. Who hears each one is in app/wiring (search
 * for the name).
 */
import { eventNames } from '../../db/events.js';

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
  /** On creation, the swap whose taking made it (SwapTaken tells the people then); otherwise null. */
  bySwapId: string | null;
}

export interface SwapOfferedEvent {
  scheduleId: string;
  scheduleName: string;
  swapId: string;
  offeredBy: string;
  /** Asked by name: only this person may take it. Null: offered to everyone in the schedule. */
  requestedUserId: string | null;
  /** Who may take it: the person asked, or everyone taking part in the schedule (a layer or its team) but the offerer. */
  candidateUserIds: string[];
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

/** Event name → payload, for everything the schedules module publishes. */
export interface SchedulesEvents {
  ScheduleOverrideCreated: ScheduleOverrideEvent;
  ScheduleOverrideRemoved: ScheduleOverrideEvent;
  SwapOffered: SwapOfferedEvent;
  SwapTaken: SwapTakenEvent;
  ShiftStarted: ShiftStartedEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends SchedulesEvents {}
}

export const SCHEDULES_EVENTS = eventNames<SchedulesEvents>({
  ScheduleOverrideCreated: true,
  ScheduleOverrideRemoved: true,
  SwapOffered: true,
  SwapTaken: true,
  ShiftStarted: true,
});
