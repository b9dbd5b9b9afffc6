/**
 * Events the incidents module publishes (db/outbox.ts publishEvent), in the
 * transaction that decided them, for others to react to: notify pages and
 * posts, alerts resolves an incident's open alerts. Who hears each one is in
 * app/wiring (search for the name). A reassignment publishes no event of its
 * own: the people it names are paged through IncidentEscalated, and a new
 * policy pages through the escalation that starts over.
 */
import { eventNames } from '../../db/events.js';
import type { Urgency } from '../services/index.js';
import type { IncidentActorRef } from './incidents.types.js';

export interface IncidentTriggeredEvent {
  incidentId: string;
  serviceId: string;
  urgency: Urgency;
  noticeChannelIds: string[];
}

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

export interface IncidentAcknowledgedEvent {
  incidentId: string;
  serviceId: string;
  by: IncidentActorRef;
}

export interface IncidentResolvedEvent {
  incidentId: string;
  serviceId: string;
  by: IncidentActorRef;
}

/** Event name → payload, for everything the incidents module publishes. */
export interface IncidentsEvents {
  IncidentTriggered: IncidentTriggeredEvent;
  IncidentEscalated: IncidentEscalatedEvent;
  IncidentAcknowledged: IncidentAcknowledgedEvent;
  IncidentResolved: IncidentResolvedEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends IncidentsEvents {}
}

export const INCIDENTS_EVENTS = eventNames<IncidentsEvents>({ IncidentTriggered: true, IncidentEscalated: true, IncidentAcknowledged: true, IncidentResolved: true });
