/**
 * Config as code: a versioned document (`tocsin.yaml`) describing users,
 * teams and, later, the rest of an organisation. Owns planning (what applying
 * a document would change), applying (all or nothing, one transaction) and
 * exporting (the document for what exists). It owns no tables: every change
 * goes through the owning module's use case, so permissions and the audit log
 * are the same as in the API. It must not write other modules' tables itself.
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
export type { ConfigUser, ConfigTeam } from './resources/index.js';
export type { ConfigResource } from './config.types.js';
