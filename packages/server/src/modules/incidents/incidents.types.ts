/** Shapes of incidents, shared with notify and the HTTP layer (the events they publish: incidents.events.ts; their timeline: the timeline module). */
import type { Actor } from '../../lib/actor.js';
import type { Priority, Urgency } from '../services/index.js';
import type { Incident } from './incidents.schema.js';

type Response = NonNullable<Incident['response']>;

/** A declared incident's response as messages show it (read from the response module's table, never written here). */
export interface IncidentResponseSummary {
  severity: Response['severity'];
  stage: Response['stage'];
  nearMiss: boolean;
  /** The owner's name; null when nobody owns it (or the owner was deleted). */
  ownerName: string | null;
}

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
  /** Null for an incident that is only paged (never declared). */
  response: IncidentResponseSummary | null;
}

/** Who acted, as events carry it. */
export interface IncidentActorRef {
  type: 'user' | 'system';
  id: string | null;
  label: string;
}

export const actorRef = (actor: Actor): IncidentActorRef =>
  actor.type === 'user'
    ? { type: 'user', id: actor.userId, label: actor.label }
    : { type: 'system', id: null, label: actor.label };
