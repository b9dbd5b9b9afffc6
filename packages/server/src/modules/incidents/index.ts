/**
 * Incidents: what people are paged for and respond to. Owns incidents and
 * writes their story to the timeline module; walks each incident's escalation policy snapshot through the
 * engine (EscalationReconciler). It never sends a message itself: it publishes
 * events (IncidentTriggered, IncidentEscalated, IncidentAcknowledged,
 * IncidentResolved, IncidentReassigned) that notify and alerts subscribe to,
 * and it never writes alerts.
 */
export { getIncidentSummary, getIncidentSummaries } from './incidents.read.js';
export { triggerIncident, declareIncident, type TriggerIncidentInput } from './incidents.trigger.js';
export { acknowledgeIncident, snoozeIncident } from './incidents.acknowledge.js';
export { resolveIncident } from './incidents.resolve.js';
export { reassignIncident } from './incidents.reassign.js';
export { escalateIncident } from './incidents.escalate.js';
export { addNote } from './incidents.notes.js';
export { getIncident, listIncidents, getTimeline } from './incidents.queries.js';
export { findIncidentForGroup, addAlertToIncident, GroupLookups, type GroupTarget } from './incidents.grouping.js';
export { createEscalationReconciler, EscalationReconciler, type EscalationReconcilerOptions } from './escalation.reconciler.js';
export { resolveTargets, resolverKnowing } from './targets.js';
export {
  IncidentSchema, IncidentListQuerySchema, IncidentPageSchema, DeclareIncidentSchema, SnoozeSchema, ReassignSchema, NoteSchema,
  IncidentStatusSchema, UrgencySchema, PrioritySchema,
} from './incidents.schema.js';
export type { Incident, IncidentFilters, IncidentListQuery, IncidentPage, DeclareIncidentInput, ReassignInput } from './incidents.schema.js';
export type {
  IncidentStatus, IncidentSummary, ResolvedTargets, ResolveTargets, IncidentTriggeredEvent, IncidentEscalatedEvent,
  IncidentAcknowledgedEvent, IncidentResolvedEvent, IncidentReassignedEvent, IncidentActorRef,
} from './incidents.types.js';
