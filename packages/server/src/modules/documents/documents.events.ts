/**
 * Events the documents module publishes (db/outbox.ts publishEvent), in the
 * transaction that decided them. Notify tells the owner (app/wiring/notify.ts).
 */
import { eventNames } from '../../db/events.js';

/** Every resolution objective of a declared incident is now met: its owner is told, to resolve when satisfied. */
export interface IncidentObjectivesMetEvent {
  incidentId: string;
  number: number;
  title: string;
  ownerId: string;
  count: number;
  /** When the last one was met (ISO 8601): with the incident, unique per time all were met. */
  at: string;
}

/** Event name → payload, for everything the documents module publishes. */
export interface DocumentsEvents {
  IncidentObjectivesMet: IncidentObjectivesMetEvent;
}

declare module '../../db/events.js' {
  interface DomainEvents extends DocumentsEvents {}
}

export const DOCUMENTS_EVENTS = eventNames<DocumentsEvents>({ IncidentObjectivesMet: true });
