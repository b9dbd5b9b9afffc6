/**
 * Alerts: one signal from a source, deduplicated by its dedup key within its
 * integration key. Owns inbound_events (every accepted event, stored before
 * the sender hears 2xx), alerts, and alert_events (each alert's log of the
 * events it received, its newest 100). It turns stored events into alerts and
 * hands new problems to incidents; it never pages anyone and never speaks a
 * vendor's wire format (that is the ingest module's job).
 */
export { acceptEvents, storableJson, INBOUND_NOTIFY_PAYLOAD } from './inbound.js';
export type { AlertImage, AlertLink, InboundAction, InboundEvent, NormalizedAlert } from './inbound.types.js';

// Processing stored events into alerts and incidents, and reading alerts.
export {
  createAlertsReconciler,
  AlertsReconciler,
  STREAM_LINGER_MS,
  QUIET_LINGER_MS,
  type AlertsReconcilerOptions,
} from './alerts.reconciler.js';
export { resolveAlertsOfResolvedIncident, moveAlertsOfMergedIncident } from './alerts.subscriptions.js';
export { getAlert, listAlertEvents, listAlerts, listIncidentAlerts, getIncidentWithAlerts } from './alerts.read.js';
export {
  AlertSchema,
  AlertDetailSchema,
  AlertEventListQuerySchema,
  AlertEventPageSchema,
  AlertListQuerySchema,
  AlertPageSchema,
  AlertStatusSchema,
  IncidentWithAlertsSchema,
} from './alerts.schema.js';
export type {
  Alert,
  AlertDetail,
  AlertEvent,
  AlertEventPage,
  AlertFilters,
  AlertListQuery,
  AlertPage,
  AlertStatus,
  IncidentWithAlerts,
} from './alerts.schema.js';
export { KEPT_EVENTS_PER_ALERT } from './alert-events.repo.js';
export { getAlertContexts, heldAlertContexts, type AlertContext } from './alert-context.js';
