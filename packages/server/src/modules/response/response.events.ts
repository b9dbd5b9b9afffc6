/**
 * Events the response module publishes (db/outbox.ts publishEvent), in the
 * transaction that decided them. Notify pages and tells people and posts to
 * the announced channel; alerts and the timeline follow a merge. Who hears
 * each one is in app/wiring (search for the name).
 */
import { eventNames } from '../../db/events.js';
import type { SeverityKey, Stage } from './response.schema.js';

interface IncidentRef {
  incidentId: string;
  number: number;
  title: string;
}

export interface IncidentDeclaredEvent extends IncidentRef {
  severity: SeverityKey;
  nearMiss: boolean;
  origin: 'declared' | 'reported' | 'promoted';
  declaredBy: string;
  /** Where the declarer asked to announce it; null = not announced. */
  announceChannelId: string | null;
}

export interface IncidentSeverityChangedEvent extends IncidentRef {
  from: SeverityKey;
  to: SeverityKey;
  by: string;
  reason: string;
  announceChannelId: string | null;
  /** When it changed (ISO 8601): with the incident, unique per change. */
  at: string;
}

export interface IncidentStageChangedEvent extends IncidentRef {
  from: Stage;
  to: Stage;
  by: string;
  announceChannelId: string | null;
  /** When it changed (ISO 8601): with the incident, unique per change. */
  at: string;
}

/** A person now holds a role of the incident; `page` says whether to page them (never twice). */
export interface IncidentRoleEngagedEvent extends IncidentRef {
  holderId: string;
  roleId: string;
  roleSlug: string;
  roleName: string;
  page: boolean;
  /** Unique per engagement: use it in idempotency keys. */
  engagementId: string;
}

export interface IncidentHandoffRequestedEvent extends IncidentRef {
  handoffId: string;
  roleName: string;
  fromName: string;
  toUserId: string;
  note: string;
}

/** The owner has troubleshot past the severity's threshold: remind them, offer the next role. */
export interface IncidentOwnerRemindedEvent extends IncidentRef {
  ownerId: string;
  minutes: number;
  nextRoleName: string | null;
}

/** A status update was posted: stakeholders and followers hear it quietly, the announce channel gets a post. */
export interface IncidentStatusUpdatedEvent extends IncidentRef {
  updateId: string;
  message: string;
  stage: Stage;
  by: string;
  /** The stakeholders and followers to tell (the poster left out). */
  recipientIds: string[];
  announceChannelId: string | null;
}

/** An update is owed and none was posted: remind the CMOC, or the owner while nobody holds CMOC. */
export interface IncidentUpdateDueEvent extends IncidentRef {
  userId: string;
  /** The severity's cadence. */
  minutes: number;
  /** When the update was due (ISO 8601). */
  dueAt: string;
  /** When this reminder was sent (ISO 8601): with the incident, unique per reminder. */
  at: string;
}

/** Someone else owns the incident now (or nobody): the role that makes them owner, and who before. */
export interface IncidentOwnerChangedEvent extends IncidentRef {
  fromUserId: string | null;
  toUserId: string | null;
  /** The role that makes them owner (e.g. "imoc"); null when nobody owns it. */
  roleSlug: string | null;
  /** When it changed (ISO 8601): with the incident, unique per change. */
  at: string;
}

export interface IncidentCategoryChangedEvent extends IncidentRef {
  from: string | null;
  to: string | null;
  by: string;
  at: string;
}

/** The services the incident impacts now (the paging service always among them). */
export interface IncidentImpactedServicesChangedEvent extends IncidentRef {
  serviceIds: string[];
  by: string;
  at: string;
}

/** The detailed status has not been saved for the severity's review interval: remind the owner to review it. */
export interface IncidentReviewDueEvent extends IncidentRef {
  ownerId: string;
  /** The severity's review interval. */
  minutes: number;
  /** When the detailed status was last saved (ISO 8601); null = never since the declaration. */
  lastSavedAt: string | null;
  /** How long it has gone unsaved, when reminded (since the declaration when never saved). */
  unsavedMinutes: number;
  /** When the review fell due (ISO 8601): with the incident, unique per reminder. */
  dueAt: string;
}

export interface IncidentMergedEvent {
  incidentId: string;
  intoId: string;
}

/** Event name → payload, for everything the response module publishes. */
export interface ResponseEvents {
  IncidentDeclared: IncidentDeclaredEvent;
  IncidentSeverityChanged: IncidentSeverityChangedEvent;
  IncidentStageChanged: IncidentStageChangedEvent;
  IncidentRoleEngaged: IncidentRoleEngagedEvent;
  IncidentHandoffRequested: IncidentHandoffRequestedEvent;
  IncidentOwnerReminded: IncidentOwnerRemindedEvent;
  IncidentStatusUpdated: IncidentStatusUpdatedEvent;
  IncidentUpdateDue: IncidentUpdateDueEvent;
  IncidentReviewDue: IncidentReviewDueEvent;
  IncidentMerged: IncidentMergedEvent;
  IncidentOwnerChanged: IncidentOwnerChangedEvent;
  IncidentCategoryChanged: IncidentCategoryChangedEvent;
  IncidentImpactedServicesChanged: IncidentImpactedServicesChangedEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends ResponseEvents {}
}

export const RESPONSE_EVENTS = eventNames<ResponseEvents>({
  IncidentDeclared: true,
  IncidentSeverityChanged: true,
  IncidentStageChanged: true,
  IncidentRoleEngaged: true,
  IncidentHandoffRequested: true,
  IncidentOwnerReminded: true,
  IncidentStatusUpdated: true,
  IncidentUpdateDue: true,
  IncidentReviewDue: true,
  IncidentMerged: true,
  IncidentOwnerChanged: true,
  IncidentCategoryChanged: true,
  IncidentImpactedServicesChanged: true,
});
