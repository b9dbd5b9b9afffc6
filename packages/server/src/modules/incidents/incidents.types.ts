/** Shapes of incidents and the events they publish, shared with notify and the HTTP layer. */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { EscalationTarget } from '../escalation/index.js';
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

/** Who an escalation level reaches at an instant. */
export interface ResolvedTargets {
  /** Distinct, enabled users, in the order the level names them. */
  users: Array<{ id: string; name: string }>;
  channelIds: string[];
  /** Why some targets reached nobody, for the timeline. */
  notes: string[];
}

/**
 * Turns a level's targets into people and channels. The default knows users
 * and teams; the schedules module supplies one that also knows who is on call.
 */
export type ResolveTargets = (db: Db, targets: EscalationTarget[], at: Date) => Promise<ResolvedTargets>;

// Events, published to the outbox in the deciding transaction (db/outbox.ts).

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
