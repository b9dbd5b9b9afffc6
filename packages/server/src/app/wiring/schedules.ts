/**
 * How the schedules module plugs into the app (see types.ts): its routes
 * (schedules, who is on call, calendar feeds), the hand-off reconciler, and
 * the lookup that lets "who is on call for a service" read a service's
 * escalation policy without the schedules module depending on services or
 * escalation (which may come to depend on it).
 */
import type { Db } from '../../db/client.js';
import { conflict } from '../../lib/errors.js';
import { getPolicySnapshot, policiesTargeting } from '../../modules/escalation/index.js';
import { getService } from '../../modules/services/index.js';
import { createHandoffReconciler, type ServiceTargetsLookup } from '../../modules/schedules/index.js';
import { registerScheduleCalendarRoutes } from '../../http/routes/schedules-calendars.routes.js';
import { registerScheduleRoutes } from '../../http/routes/schedules.routes.js';
import type { ModuleWiring } from './types.js';

export const lookupServiceSchedules: ServiceTargetsLookup = async (ctx, idOrSlug) => {
  const service = await getService(ctx, idOrSlug);
  const policy = await getPolicySnapshot(ctx.db, service.escalationPolicy.id);
  return {
    service: { id: service.id, name: service.name },
    levels: policy.levels.map((level, index) => ({
      level: index + 1,
      scheduleIds: level.targets.filter((t) => t.type === 'schedule').map((t) => t.id),
    })),
  };
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
      registerScheduleRoutes(app, deps, { lookupService: lookupServiceSchedules, beforeDelete: refuseIfTargeted }),
    registerScheduleCalendarRoutes,
  ],
  reconcilers: ({ db, clock, logger }) => [
    createHandoffReconciler({ db, clock, logger: logger.child({ component: 'schedule-handoffs' }) }),
  ],
};
