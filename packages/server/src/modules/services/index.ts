/**
 * Services: the things that break. Owns services, their integration keys,
 * maintenance windows and business hours, and says how an alert on a service
 * is paged (urgency rules, SLA targets, grouping, escalation policy). It does
 * not create alerts or incidents.
 */
export { getServiceForRouting, getPagingSettings } from './services.routing.js';
export { decideUrgency } from './urgency.js';
export { isWithinBusinessHours, nextBusinessStart } from './business-hours.js';
export { DEFAULT_URGENCY_RULES, DEFAULT_SLA_TARGETS } from './services.types.js';
export type {
  AlertSeverity, BusinessHours, Grouping, PagingSettings, Priority, RoutedKey, SlaTargets, Urgency, UrgencyRule,
} from './services.types.js';
