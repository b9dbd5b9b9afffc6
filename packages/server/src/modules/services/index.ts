/**
 * Services: the things that break. Owns services, their maintenance windows
 * and business hours, and says how an alert on a service is paged (urgency
 * rules, SLA targets, grouping, escalation policy). It does not create alerts
 * or incidents, and the addresses alerts arrive at (integration keys,
 * heartbeats) belong to ingest. Its kind in config as code is
 * services.config.ts, built with ingest's integration keys part (ingest
 * depends on services, so config.kinds.ts hands the part in).
 */
export {
  getPagingSettings,
  getPagingSettingsMany,
  getServiceClockFacts,
  type ServiceClockFacts,
} from './services.routing.js';
export { findServiceRef, holdServices } from './services.repo.js';
export { decideUrgency } from './urgency.js';
export { isWithinBusinessHours, nextBusinessStart } from './business-hours.js';
export { DEFAULT_URGENCY_RULES, DEFAULT_SLA_TARGETS } from './services.types.js';
export type {
  AlertSeverity,
  BusinessHours,
  Grouping,
  PagingSettings,
  Priority,
  SlaTargets,
  Urgency,
  UrgencyRule,
} from './services.types.js';

export { listServices, getService, createService, updateService, deleteService } from './services.service.js';
export {
  ServiceSchema,
  CreateServiceSchema,
  UpdateServiceSchema,
  ServiceSlugSchema,
  ServiceNameSchema,
  TimeZoneSchema,
  BusinessHoursSchema,
  UrgencyRulesSchema,
  SlaTargetsSchema,
  GroupingSchema,
  parseServiceInput,
} from './services.schema.js';
export type { Service, CreateServiceInput, UpdateServiceInput } from './services.schema.js';

export { listMaintenanceWindows, createMaintenanceWindow, deleteMaintenanceWindow } from './maintenance.service.js';
export { MaintenanceWindowSchema, CreateMaintenanceSchema } from './maintenance.schema.js';
export type { MaintenanceWindow, CreateMaintenanceInput } from './maintenance.schema.js';

export { servicesConfigWith, type ConfigService, type ServiceKeysConfig } from './services.config.js';
