/**
 * Escalation: who is notified, in which order, and how long each level waits
 * for an acknowledgement. Owns escalation_policies. It does not page anyone:
 * incidents keep a snapshot of a policy and the engine walks it. Its kind in
 * config as code is escalation.config.ts.
 */
export { getPolicySnapshot, getPolicySnapshots } from './escalation.snapshot.js';
export { listPolicies, getPolicy, createPolicy, updatePolicy, deletePolicy } from './escalation.service.js';
export {
  PolicySchema,
  CreatePolicySchema,
  UpdatePolicySchema,
  LevelInputSchema,
  TargetInputSchema,
  DelayMinutesSchema,
  RepeatCountSchema,
  PolicyNameSchema,
  MAX_LEVELS,
  MAX_TARGETS_PER_LEVEL,
} from './escalation.schema.js';
export type { Policy, CreatePolicyInput, UpdatePolicyInput, LevelInput } from './escalation.schema.js';
export type { EscalationLevel, EscalationPolicySnapshot, EscalationTarget, TargetType } from './escalation.types.js';
export { selectPoliciesTargeting as policiesTargeting } from './escalation.repo.js';
export { policiesConfig, type ConfigPolicy } from './escalation.config.js';
