/** Shapes of incidents and their timeline, shared with notify and the HTTP layer (the events they publish: incidents.events.ts). */
import type { Actor } from '../../lib/actor.js';
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

/** Who acted, as events carry it. */
export interface IncidentActorRef {
  type: 'user' | 'system';
  id: string | null;
  label: string;
}

export const actorRef = (actor: Actor): IncidentActorRef =>
  actor.type === 'user' ? { type: 'user', id: actor.userId, label: actor.label } : { type: 'system', id: null, label: actor.label };
