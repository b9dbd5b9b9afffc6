/**
 * Config kit: what a kind of resource in config as code is made of. The
 * handler contract (ConfigResource, PlannedChange, PlanEnv), the building
 * blocks of document schemas and their errors, and the helpers handlers share.
 * Each module writes the handler for its own kind (`<module>.config.ts`) with
 * this kit; the config module plans, applies and exports with the handlers.
 * It imports no module, so both sides can use it without a cycle.
 */
export type { ChangeAction, ConfigResource, PlanEnv, PlannedChange, StateView } from './config-kit.types.js';
export {
  byText,
  configObject,
  duplicateIssues,
  formatPath,
  invalidDocument,
  issuesOf,
  type DocumentIssue,
} from './config-kit.fields.js';
export { canonicalJson, keysAfterApply, nameKey, sameJson } from './config-kit.helpers.js';
