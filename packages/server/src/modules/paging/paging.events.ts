/**
 * Events the paging module publishes (db/outbox.ts publishEvent) in the
 * transaction that took the step: notify pages the people and posts to the
 * channels a step reaches. Who hears each one is in app/wiring (search for
 * the name).
 */
import { eventNames } from '../../db/events.js';
import type { Urgency } from '../services/index.js';

/** Published for each step that reaches someone, and for a reassignment to people. */
export interface IncidentEscalatedEvent {
  incidentId: string;
  /** 1-based level of the policy snapshot, as people count them (0 for a manual reassignment). */
  level: number;
  /** 0-based pass over the policy; a restart (snooze ended, new policy) starts a new pass. */
  loop: number;
  userIds: string[];
  channelIds: string[];
  urgency: Urgency;
  /** Unique per step of this incident: use it in idempotency keys. `${incidentId}:${loop}:${level}`, or `${incidentId}:reassign:<id>`. */
  stepKey: string;
}

/** Event name → payload, for everything the paging module publishes. */
export interface PagingEvents {
  IncidentEscalated: IncidentEscalatedEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends PagingEvents {}
}

export const PAGING_EVENTS = eventNames<PagingEvents>({ IncidentEscalated: true });
