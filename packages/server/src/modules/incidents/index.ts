/**
 * Incidents: what people are paged for and respond to. Owns the incident
 * record and its lifecycle (trigger, acknowledge, resolve, notes, reads) and
 * writes its story through the timeline module; it is the only writer of the incidents table. It never pages
 * anyone itself: paging walks the escalation policy when it hears
 * IncidentTriggered, IncidentAcknowledged and IncidentResolved, and notify
 * and alerts subscribe too (incidents.events.ts says what it publishes). It never writes alerts or paging state; its read
 * views join paging's state in (read only), so the API shows both.
 */
export { getIncidentSummary, getIncidentSummaries, heldIncidentSummaries } from './incidents.read.js';
/** For what names an incident by its number in the transaction that opened it (a batch numbers its incidents as it writes them). */
export { selectIncidentNumbers as incidentNumbers } from './incidents.repo.js';
export {
  incidentVisibleTo,
  hiddenIncidents,
  canSeeIncident,
  isPrivateIncident,
  privateAmong,
  SECURITY_TEAM_SETTING,
} from './incidents.visibility.js';
export {
  triggerIncident,
  declareIncident,
  markTriggered,
  markDeclared,
  openIncident,
  type OpenIncidentInput,
  type TriggerIncidentInput,
  type TriggeredIncident,
} from './incidents.trigger.js';
export { acknowledgeIncident, markAcknowledged, refuseResolved } from './incidents.acknowledge.js';
export { resolveIncident, resolveByAlerts } from './incidents.resolve.js';
export { addNote } from './incidents.notes.js';
export { editNote, deleteNote, getNoteHistory } from './incidents.note-edits.js';
export { setTimelineStar } from './incidents.stars.js';
export { getIncident, listIncidents, getTimeline } from './incidents.queries.js';
export { findIncidentForGroup, addAlertToIncident, GroupLookups, type GroupTarget } from './incidents.grouping.js';
export { actorName, loadIncident, reloadIncident, requireIncidentRow } from './incidents.view.js';
export { auditState } from './incidents.audit.js';
export { addToAlertCount } from './incidents.repo.js';
export type { IncidentRow } from './incidents.repo.js';
export {
  IncidentSchema,
  IncidentListQuerySchema,
  IncidentPageSchema,
  DeclareIncidentSchema,
  SnoozeSchema,
  ReassignSchema,
  NoteSchema,
  IncidentStatusSchema,
  UrgencySchema,
  PrioritySchema,
} from './incidents.schema.js';
export type {
  Incident,
  IncidentFilters,
  IncidentListQuery,
  IncidentPage,
  DeclareIncidentInput,
  ReassignInput,
} from './incidents.schema.js';
export type { IncidentStatus, IncidentSummary, IncidentResponseSummary, IncidentActorRef } from './incidents.types.js';
export { actorRef } from './incidents.types.js';
export { INCIDENTS_EVENTS } from './incidents.events.js';
export type {
  IncidentsEvents,
  IncidentTriggeredEvent,
  IncidentAcknowledgedEvent,
  IncidentResolvedEvent,
} from './incidents.events.js';
