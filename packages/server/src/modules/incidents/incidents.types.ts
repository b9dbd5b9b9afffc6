/** Shapes of incidents, their timeline and the events they publish, shared with notify and the HTTP layer. */
import type { Actor } from '../../lib/actor.js';
import type { EscalationPolicySnapshot } from '../escalation/index.js';
import type { Priority, Urgency } from '../services/index.js';

export type IncidentStatus = 'triggered' | 'acknowledged' | 'resolved';

/** What other modules may read of an incident (notify renders messages from it). */
export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  status: IncidentStatus;
  urgency: Urgency;
  priority: Priority | null;
  serviceId: string;
  serviceName: string;
  triggeredAt: Date;
}

export interface TimelineEntryInput {
  /** e.g. triggered, alert_added, escalated, notified, notification_failed, acknowledged, resolved, reassigned, snoozed, note */
  kind: string;
  message: string;
  data?: unknown;
}

export type TimelineActor = Actor;

// Events, published to the outbox in the deciding transaction (db/outbox.ts).

export interface IncidentTriggeredEvent {
  incidentId: string;
  serviceId: string;
  urgency: Urgency;
  noticeChannelIds: string[];
  /** The service's escalation policy at the trigger: paging snapshots it and walks it. */
  policy: EscalationPolicySnapshot;
  /** When the first page may go out (ISO 8601): now, or for low urgency the next business start. */
  firstPageAt: string;
}

/** Published by paging for each step that reaches someone (and for a reassignment to people). */
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

export interface IncidentActorRef {
  type: 'user' | 'system';
  id: string | null;
  label: string;
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

export interface IncidentReassignedEvent {
  incidentId: string;
  userIds: string[];
  policyId: string | null;
  by: IncidentActorRef;
}

export const actorRef = (actor: Actor): IncidentActorRef =>
  actor.type === 'user' ? { type: 'user', id: actor.userId, label: actor.label } : { type: 'system', id: null, label: actor.label };
