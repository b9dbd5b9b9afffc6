/**
 * Events the incidents module publishes (db/outbox.ts publishEvent), in the
 * transaction that decided them, for others to react to: notify pages and
 * posts, alerts resolves an incident's open alerts, paging starts and stops
 * walking the policy. Who hears each one is in app/wiring (search for the
 * name). A reassignment publishes no event of its own: the people it names
 * are paged through paging's IncidentEscalated, and a new policy pages
 * through the escalation that starts over.
 */
import { eventNames } from '../../db/events.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';
import type { Priority, Urgency } from '../services/index.js';
import type { IncidentActorRef } from './incidents.types.js';

export interface IncidentTriggeredEvent {
  incidentId: string;
  serviceId: string;
  /** When it opened (ISO 8601): its alert's arrival, which a backlog does not move. */
  triggeredAt: string;
  urgency: Urgency;
  priority: Priority | null;
  noticeChannelIds: string[];
  /** The service's escalation policy at the trigger: paging snapshots it and walks it. */
  policy: EscalationPolicySnapshot;
  /**
   * When the first page may go out (ISO 8601): now, or for low urgency the
   * next business start; null when the declarer chose not to walk the policy
   * (paging holds it: escalate now or a reassignment starts it).
   */
  firstPageAt: string | null;
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
  IncidentAcknowledged: IncidentAcknowledgedEvent;
  IncidentResolved: IncidentResolvedEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends IncidentsEvents {}
}

export const INCIDENTS_EVENTS = eventNames<IncidentsEvents>({
  IncidentTriggered: true,
  IncidentAcknowledged: true,
  IncidentResolved: true,
});
