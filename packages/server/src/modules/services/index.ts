/**
 * Services: the things that break. Owns services, their integration keys,
 * maintenance windows and business hours, and the configuration part of
 * heartbeats, and says how an alert on a service is paged (urgency rules, SLA
 * targets, grouping, escalation policy). It does not create alerts or
 * incidents.
 */
export { getServiceForRouting, getPagingSettings, getPagingSettingsMany } from './services.routing.js';
export { decideUrgency } from './urgency.js';
export { isWithinBusinessHours, nextBusinessStart } from './business-hours.js';
export { DEFAULT_URGENCY_RULES, DEFAULT_SLA_TARGETS } from './services.types.js';
export type {
  AlertSeverity, BusinessHours, Grouping, PagingSettings, Priority, RoutedKey, SlaTargets, Urgency, UrgencyRule,
} from './services.types.js';

export { listServices, getService, createService, updateService, deleteService } from './services.service.js';
export {
  ServiceSchema, CreateServiceSchema, UpdateServiceSchema, ServiceSlugSchema, ServiceNameSchema, TimeZoneSchema, BusinessHoursSchema,
  UrgencyRulesSchema, SlaTargetsSchema, GroupingSchema,
} from './services.schema.js';
export type { Service, CreateServiceInput, UpdateServiceInput } from './services.schema.js';

export { listMaintenanceWindows, createMaintenanceWindow, deleteMaintenanceWindow } from './maintenance.service.js';
export { MaintenanceWindowSchema, CreateMaintenanceSchema } from './maintenance.schema.js';
export type { MaintenanceWindow, CreateMaintenanceInput } from './maintenance.schema.js';

export {
  listIntegrationKeys, createIntegrationKey, updateIntegrationKey, rotateIntegrationKey, deleteIntegrationKey,
} from './integration-keys.service.js';
export { integrationEndpoints, withEndpoints, type Addressing } from './integration-endpoints.js';
export {
  IntegrationKeySchema, CreateIntegrationKeySchema, UpdateIntegrationKeySchema, IntegrationTypeSchema, KeyNameSchema, SETTINGS_SCHEMAS,
  DEFAULT_KEY_NAMES, INTEGRATION_TYPES,
} from './integration-keys.schema.js';
export type { IntegrationKey, IntegrationKeyRecord, CreateIntegrationKeyInput, UpdateIntegrationKeyInput, Endpoint } from './integration-keys.schema.js';
