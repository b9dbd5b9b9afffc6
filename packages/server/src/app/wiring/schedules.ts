/**
 * How the schedules module plugs into the app (see types.ts): its routes
 * (schedules, who is on call, my shifts, calendar feeds), the hand-off
 * reconciler, and the lookups that let "who is on call" read a service's or
 * a policy's levels, and the policies that name a person, without the
 * schedules module depending on services or escalation (which depend on it).
 */
import type { Db } from '../../db/client.js';
import { conflict } from '../../lib/errors.js';
import {
  getPolicy,
  getPolicySnapshot,
  listPolicies,
  policiesTargeting,
  type TargetType,
} from '../../modules/escalation/index.js';
import { getService } from '../../modules/services/index.js';
import {
  createHandoffReconciler,
  type LevelTargets,
  type PersonPoliciesLookup,
  type PersonPolicy,
  type PolicyTargetsLookup,
  type ServiceTargetsLookup,
} from '../../modules/schedules/index.js';
import { listTeams } from '../../modules/teams/index.js';
import { registerScheduleCalendarRoutes } from '../../http/routes/schedules-calendars.routes.js';
import { registerScheduleRoutes } from '../../http/routes/schedules.routes.js';
import type { ModuleWiring } from './types.js';

const toLevels = (
  levels: Array<{ delayMinutes: number; targets: Array<{ type: TargetType; id: string; label: string }> }>,
): LevelTargets[] =>
  levels.map((level, index) => ({
    level: index + 1,
    delayMinutes: level.delayMinutes,
    targets: level.targets.map((t) => ({ type: t.type, id: t.id, label: t.label })),
  }));

export const lookupServiceLevels: ServiceTargetsLookup = async (ctx, idOrSlug) => {
  const service = await getService(ctx, idOrSlug);
  const policy = await getPolicySnapshot(ctx.db, service.escalationPolicy.id);
  return {
    service: { id: service.id, name: service.name },
    policy: { id: policy.id, name: policy.name },
    levels: toLevels(policy.levels),
  };
};

export const lookupPolicyLevels: PolicyTargetsLookup = async (ctx, idOrName) => {
  const policy = await getPolicy(ctx, idOrName);
  return { policy: { id: policy.id, name: policy.name }, levels: toLevels(policy.levels) };
};

/** The policies that page a person directly: as a user target, else through a team they are in. */
export const lookupPersonPolicies: PersonPoliciesLookup = async (ctx, userId) => {
  const teams = (await listTeams(ctx)).filter((team) => team.members.some((m) => m.userId === userId));
  const out: PersonPolicy[] = [];
  for (const policy of await listPolicies(ctx)) {
    const levelsWhere = (type: 'user' | 'team', id: string) =>
      policy.levels.flatMap((level, index) =>
        level.targets.some((t) => t.type === type && t.id === id) ? [index + 1] : [],
      );
    const direct = levelsWhere('user', userId);
    if (direct.length > 0) {
      out.push({
        policy: { id: policy.id, name: policy.name },
        levels: direct,
        via: { type: 'user', id: userId, label: 'you' },
      });
      continue;
    }
    for (const team of teams) {
      const levels = levelsWhere('team', team.id);
      if (levels.length === 0) continue;
      out.push({
        policy: { id: policy.id, name: policy.name },
        levels,
        via: { type: 'team', id: team.id, label: team.name },
      });
      break;
    }
  }
  return out;
};

/** A schedule an escalation policy pages cannot be deleted: the policy would page nobody. */
const refuseIfTargeted = async (db: Db, schedule: { id: string; name: string }): Promise<void> => {
  const policies = await policiesTargeting(db, 'schedule', schedule.id);
  if (policies.length > 0) {
    throw conflict(
      `Schedule "${schedule.name}" is paged by escalation policies ${policies.map((p) => `"${p}"`).join(', ')}: remove it from them first.`,
      { policies },
    );
  }
};

export const schedulesWiring: ModuleWiring = {
  name: 'schedules',
  routes: [
    (app, deps) =>
      registerScheduleRoutes(app, deps, {
        lookupService: lookupServiceLevels,
        lookupPolicy: lookupPolicyLevels,
        lookupPersonPolicies,
        beforeDelete: refuseIfTargeted,
      }),
    registerScheduleCalendarRoutes,
  ],
  reconcilers: ({ db, clock, logger }) => [
    createHandoffReconciler({ db, clock, logger: logger.child({ component: 'schedule-handoffs' }) }),
  ],
};
