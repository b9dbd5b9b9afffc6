/**
 * Shapes used across the schedules module that are not API bodies: the
 * on-call query, and the ports through which "who is on call" learns a
 * service's or a policy's levels and the policies that name a person
 * (provided by the app, so this module depends on neither services nor
 * escalation, which depend on it).
 */
import type { Ctx } from '../context.js';

export type { OnCallAnswer, MyOnCall } from './schedules.schema.js';

export interface OnCallQuery {
  schedule?: string;
  team?: string;
  service?: string;
  policy?: string;
  at?: Date;
}

export type LevelTargetType = 'user' | 'team' | 'schedule' | 'channel';

/** One escalation level (1-based) and every target it notifies, labelled. */
export interface LevelTargets {
  level: number;
  delayMinutes: number;
  targets: Array<{ type: LevelTargetType; id: string; label: string }>;
}

/** An escalation policy's levels, as "who is on call" resolves them. */
export interface PolicyTargets {
  policy: { id: string; name: string };
  levels: LevelTargets[];
}

/** A service and the levels of its escalation policy. */
export interface ServicePolicyTargets extends PolicyTargets {
  service: { id: string; name: string };
}

export type ServiceTargetsLookup = (ctx: Ctx, serviceIdOrSlug: string) => Promise<ServicePolicyTargets>;
export type PolicyTargetsLookup = (ctx: Ctx, policyIdOrName: string) => Promise<PolicyTargets>;

/** A policy that names a person directly (as a user target, or through a team they are in). */
export interface PersonPolicy {
  policy: { id: string; name: string };
  levels: number[];
  via: { type: 'user' | 'team'; id: string; label: string };
}
export type PersonPoliciesLookup = (ctx: Ctx, userId: string) => Promise<PersonPolicy[]>;

/** The ports the app wires; each answer that needs a missing one says so. */
export interface OnCallLookups {
  lookupService?: ServiceTargetsLookup;
  lookupPolicy?: PolicyTargetsLookup;
  lookupPersonPolicies?: PersonPoliciesLookup;
}
