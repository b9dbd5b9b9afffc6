/**
 * Config as code: a versioned document (`tocsin.yaml`) describing users,
 * teams, schedules, channels, escalation policies and services. Owns the
 * document, planning (what applying a document would change), applying (all
 * or nothing, one transaction) and exporting (the document for what exists),
 * and the list of kinds in dependency order (config.kinds.ts). Each kind's
 * handler lives in the module it describes (`users.config.ts`...), built with
 * config-kit. It owns no tables: every change goes through the owning
 * module's use case, so permissions and the audit log are the same as in the
 * API. It must not write other modules' tables itself.
 */
export { planConfig, type PlanOptions } from './config.plan.js';
export { applyConfig } from './config.apply.js';
export { exportConfig } from './config.export.js';
export {
  ConfigApplyRequestSchema,
  ConfigDocumentSchema,
  ConfigRequestSchema,
  ConfigPlanSchema,
  ConfigChangeSchema,
  CONFIG_VERSION,
  parseConfigDocument,
} from './config.schema.js';
export type { ConfigDocument, ConfigPlan, ConfigChange } from './config.schema.js';
export type { ConfigResource } from '../config-kit/index.js';
