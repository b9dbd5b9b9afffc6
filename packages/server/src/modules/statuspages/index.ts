/**
 * Status pages: what the public is told. Owns status_pages, their component
 * groups, components, component status history, page incidents, their
 * affected components and updates; it is the only writer of those tables.
 * Reads internal incidents only through the incidents module (the
 * visibility rule of ADR 18 applies to every link) and incident responses
 * read-only. Renders each page once per change (render*.ts) into the files
 * served from memory and kept on disk (published.ts), so the public page,
 * its feeds and its Statuspage-shaped JSON keep answering while PostgreSQL
 * is down. Scheduled maintenances are page incidents of kind 'maintenance'
 * that start and end by themselves (maintenance.reconciler.ts on the
 * engine); each component's 90-day uptime is computed from its status
 * history at render time (uptime.ts). Subscribers (subscribers*.ts) are
 * told about every page update, maintenance included, through the durable
 * queue (ADR 23): email with double opt-in, webhooks, and the page's Slack
 * and Teams announcements. Its kind in config as code is statuspages.config.ts.
 */
export {
  listPages,
  getPage,
  createPage,
  updatePage,
  deletePage,
  listGroups,
  createGroup,
  updateGroup,
  deleteGroup,
  listComponents,
  createComponent,
  updateComponent,
  deleteComponent,
} from './pages.service.js';
export {
  listPageIncidents,
  getPageIncident,
  createPageIncident,
  postPageUpdate,
  listPageIncidentsOfIncident,
  stateForStage,
} from './page-incidents.service.js';
export { listMaintenances, scheduleMaintenance } from './maintenance.service.js';
export { applySignals, SEVERITY_STATUS } from './signals.js';
export { listTemplates, createTemplate, updateTemplate, deleteTemplate } from './templates.service.js';
export * from './templates.schema.js';
export { createMaintenanceReconciler, MaintenanceReconciler } from './maintenance.reconciler.js';
export * from './maintenance.schema.js';
export * from './statuspages.schema.js';
export {
  COMPONENT_STATUSES,
  PAGE_INCIDENT_STATES,
  MAINTENANCE_STATES,
  MAINTENANCE_STATE_DEFINITIONS,
  STATUS_DEFINITIONS,
  STATE_DEFINITIONS,
  type ComponentStatus,
  type PageIncidentState,
} from './statuspages.types.js';
export { statusPagesConfig, type ConfigStatusPage } from './statuspages.config.js';
export { PublishedPages } from './published.js';
export { STATUS_PAGE_CHANNEL } from './statuspages.repo.js';
export {
  serveFile,
  serveRequestOf,
  preferredCoding,
  notFoundFile,
  openToAnyone,
  fileKeyOf,
  PUBLIC_CACHE_CONTROL,
  type ServedFile,
} from './serve.js';
export { PAGE_FILES, type RenderedPage } from './render.types.js';
export {
  signUp,
  confirmSubscription,
  findByUnsubscribeToken,
  unsubscribe,
  listSubscribers,
  removeSubscriber,
  addWebhookSubscriber,
  getAnnouncements,
  setAnnouncements,
  SIGN_UP_ANSWER,
  type LinkOutcome,
} from './subscribers.service.js';
export * from './subscribers.schema.js';
export { SignUpLimits } from './subscribers.limits.js';
export { fanOutUpdate, deliverUpdate, failDelivery, sendConfirmMail } from './subscribers.fan-out.js';
export {
  FAN_OUT_JOB,
  DELIVER_UPDATE_JOB,
  CONFIRM_MAIL_JOB,
  stateLabel,
  type FanOutPayload,
  type DeliverUpdatePayload,
  type ConfirmMailPayload,
  type SubscribersDeps,
} from './subscribers.types.js';
