/**
 * Paging: who is being paged for an incident, now and next. Owns the
 * escalation runtime (walking each incident's escalation policy snapshot
 * level by level through the engine: EscalationReconciler) and its state
 * table, incident_escalations (policy snapshot, level, loop, next step,
 * snooze end, assignees), of which it is the only writer. It starts when it
 * hears IncidentTriggered and stops on IncidentAcknowledged and
 * IncidentResolved (paging.subscriptions.ts, subscribed by app/), in the
 * publishing transaction; people snooze, escalate now and reassign through
 * it. It never sends a message itself (it publishes IncidentEscalated, which
 * notify plans pages from) and changes an incident's status only through the
 * incidents module.
 */
export {
  createEscalationReconciler,
  EscalationReconciler,
  type EscalationReconcilerOptions,
} from './escalation.reconciler.js';
export { startPaging, stopPagingAcknowledged, stopPagingResolved } from './paging.subscriptions.js';
export { snoozeIncident } from './paging.snooze.js';
export { escalateIncident } from './paging.escalate.js';
export { reassignIncident } from './paging.reassign.js';
export { resolveTargets, knowUsers } from './targets.js';
export type { ResolvedTargets, ResolveTargets } from './paging.types.js';
export { PAGING_EVENTS } from './paging.events.js';
export type { PagingEvents, IncidentEscalatedEvent } from './paging.events.js';
