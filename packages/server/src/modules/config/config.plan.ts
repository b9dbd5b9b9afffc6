/**
 * Planning: compare a config document with the database and list, in order,
 * the changes that would make them match. Planning changes nothing.
 */
import { createHash } from 'node:crypto';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { parseConfigDocument, type ConfigDocument, type ConfigPlan } from './config.schema.js';
import { loadStates, resources } from './config.state.js';
import type { ConfigResource, PlanEnv, PlannedChange } from '../config-kit/index.js';

export interface PlanOptions {
  /** Remove what the file leaves out: delete teams, disable users. */
  prune?: boolean;
  /** Apply only when the plan's fingerprint is this one (the plan that was reviewed). */
  expectedFingerprint?: string;
}

export interface ComputedPlan {
  changes: PlannedChange[];
  warnings: string[];
}

const isRemoval = (change: PlannedChange) => change.action === 'delete' || change.action === 'disable';

/**
 * The plan with the use cases that carry it out. Creates and updates run in
 * the order of the kinds, removals in reverse, so nothing refers to what is not there.
 */
export async function computePlan(ctx: Ctx, document: ConfigDocument, options: PlanOptions): Promise<ComputedPlan> {
  const view = await loadStates(ctx);
  const warnings: string[] = [];
  const env: PlanEnv = {
    ...view,
    desired: <Item>(resource: ConfigResource<Item, unknown>) =>
      (document as Record<string, unknown>)[resource.key] as Item[] | undefined,
    actor: ctx.actor,
    prune: options.prune ?? false,
    warn: (message) => warnings.push(message),
  };
  const perResource = resources.map((resource) => resource.plan(env));
  const changes = [
    ...perResource.flatMap((list) => list.filter((c) => !isRemoval(c))),
    ...[...perResource].reverse().flatMap((list) => list.filter(isRemoval)),
  ];
  return { changes, warnings };
}

/**
 * What callers see of a plan: the changes without their use cases, and a
 * fingerprint of them, so an apply can insist on the plan someone reviewed.
 */
export function describePlan(plan: ComputedPlan): ConfigPlan {
  const changes = plan.changes.map(({ kind, action, key, line }) => ({ kind, action, key, line }));
  return {
    changes,
    warnings: plan.warnings,
    fingerprint: createHash('sha256').update(JSON.stringify(changes)).digest('hex'),
  };
}

export async function planConfig(ctx: Ctx, input: unknown, options: PlanOptions = {}): Promise<ConfigPlan> {
  requireRole(ctx.actor, 'admin', 'plan configuration changes');
  const document = parseConfigDocument(input);
  return describePlan(await computePlan(ctx, document, options));
}
