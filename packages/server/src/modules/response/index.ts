/**
 * Response: what people do once an incident is declared (ADR 17), beside
 * paging's "must someone still be woken". Owns severities, categories, role
 * definitions and, per declared incident, its response (severity, stage,
 * category, near miss, owner), role holders, hand-offs, severity history,
 * impacted services, stakeholders and links; it is the only writer of those
 * tables. It opens incidents and changes their paging status only through
 * the incidents module, pages people by publishing IncidentRoleEngaged
 * (notify pages), and runs its timed work (rules, update reminders, detailed-status review)
 * through one DueResponseReconciler each (response.due-reconciler.ts). Status
 * updates (posted, their canned templates, the cadence per severity) are
 * its too: IncidentStatusUpdated tells stakeholders and the channel, and
 * the update reminders remind the CMOC when one is late. The detailed
 * status's periodic review is planned here too (the severity's interval,
 * detailedStatusSaved from the documents module re-arms it) and
 * the review reminders remind the owner when it has gone unsaved. Every way a
 * person resolves goes through resolveAsResponder: only the owner resolves a
 * declared incident. Its kinds in config as code (severities,
 * incidentCategories, incidentRoles) are in response.config.ts.
 */
export { declareResponse, promoteIncident, reportIncident } from './response.declare.js';
export {
  changeSeverity,
  changeStage,
  changeCategory,
  setImpactedServices,
  resolveAsResponder,
} from './response.change.js';
export { engageRole, takeRole, requestHandoff, answerHandoff } from './response.roles.js';
export { linkIncidents, unlinkIncidents, mergeIncident } from './response.links.js';
export { getIncidentResponse, listIncidentLinks, tickChecklist } from './response.read.js';
export { addNoteAsParticipant } from './response.notes.js';
export { engageImocForPageDisruption } from './response.page-disruption.js';
export { pageUpdatePublished } from './response.page-updates.js';
export {
  followIncident,
  unfollowIncident,
  setIncidentPrivate,
  readSecurityTeam,
  setSecurityTeam,
  type Following,
} from './response.privacy.js';
export {
  listSeverities,
  updateSeverity,
  listCategories,
  createCategory,
  updateCategory,
  removeCategory,
  listRoles,
  createRole,
  updateRole,
  deleteRole,
} from './response.definitions.js';
export {
  severitiesConfig,
  incidentCategoriesConfig,
  incidentRolesConfig,
  type ConfigSeverity,
  type ConfigCategory,
  type ConfigRole,
} from './response.config.js';
export { createResponseReconciler } from './response.reconciler.js';
export { DueResponseReconciler } from './response.due-reconciler.js';
export { postStatusUpdate, listStatusUpdates, draftStatusUpdate } from './response.updates.js';
export { listUpdateTemplates, editUpdateTemplate } from './response.templates.js';
export { createUpdateReminderReconciler } from './response.update-reminders.js';
export { createReviewReminderReconciler } from './response.review-reminders.js';
export { detailedStatusSaved } from './response.review-plan.js';
export * from './response.updates.schema.js';
export * from './response.schema.js';
export { RESPONSE_EVENTS } from './response.events.js';
export type * from './response.events.js';
