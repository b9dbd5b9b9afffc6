/**
 * Incidents: what people are paged for and respond to. Owns incidents and
 * their timeline; walks each incident's escalation policy snapshot through the
 * engine. It never sends a message itself: it publishes events
 * (IncidentTriggered, IncidentEscalated, ...) that notify subscribes to.
 */
export { addTimelineEntry } from './timeline.js';
export { getIncidentSummary } from './incidents.read.js';
export type { IncidentStatus, IncidentSummary, TimelineEntryInput } from './incidents.types.js';
