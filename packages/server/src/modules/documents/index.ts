/**
 * Documents: the live state document of a declared incident (seed 001,
 * "Documenting an Incident"): summary, detailed status and stakeholders as
 * versioned text (a stale save is refused with the current text, never
 * written over), resolution objectives (the owner is told when all are met),
 * post-incident actions and links, beside the organisation's conference
 * bridge. Owns incident_document_revisions, incident_resolution_objectives,
 * incident_followup_actions and incident_document_links; reads the response
 * (people, owner) only through the response module, and writes the timeline
 * only through the timeline module. Anyone who may read incidents reads it;
 * responders edit it.
 */
export { getIncidentDocument } from './documents.view.js';
export { saveSection, sectionHistory } from './documents.sections.js';
export { addObjective, updateObjectiveItem, removeObjective } from './documents.objectives.js';
export { addAction, updateActionItem, removeAction, addLink, removeLink } from './documents.items.js';
export { readConferenceBridge, setConferenceBridge } from './documents.bridge.js';
export * from './documents.schema.js';
export { DOCUMENTS_EVENTS } from './documents.events.js';
export type * from './documents.events.js';
