/**
 * How the analytics module plugs into the app (see types.ts): its routes,
 * its Prometheus gauges, and the events that keep each incident's snapshot
 * in step. It is registered before paging, so the snapshot exists when
 * paging's first step (IncidentEscalated) is heard in the same transaction.
 */
import { registerAnalyticsGauges } from '../../http/analytics.metrics.js';
import { registerAnalyticsRoutes } from '../../http/routes/analytics.routes.js';
import { registerAnalyticsOnCallRoutes } from '../../http/routes/analytics-oncall.routes.js';
import {
  snapshotAcknowledged,
  snapshotDeclared,
  snapshotEscalated,
  snapshotMerged,
  snapshotOpened,
  snapshotResolved,
  snapshotStageChanged,
  createRollupCompactor,
} from '../../modules/analytics/index.js';
import type { ModuleWiring } from './types.js';

export const analyticsWiring: ModuleWiring = {
  name: 'analytics',
  routes: (deps) => [
    (app, http) => registerAnalyticsRoutes(app, http, { publicUrl: deps.config.publicUrl }),
    (app, http) => registerAnalyticsOnCallRoutes(app, http),
  ],
  reconcilers: (deps) => [createRollupCompactor({ db: deps.db, clock: deps.clock })],
  subscriptions: () => ({
    IncidentTriggered: [async (payload, ctx) => snapshotOpened(ctx.db, ctx.clock, payload)],
    IncidentDeclared: [async (payload, ctx) => snapshotDeclared(ctx.db, ctx.clock, payload)],
    IncidentAcknowledged: [async (payload, ctx) => snapshotAcknowledged(ctx.db, ctx.clock, payload)],
    IncidentResolved: [async (payload, ctx) => snapshotResolved(ctx.db, ctx.clock, payload)],
    IncidentStageChanged: [async (payload, ctx) => snapshotStageChanged(ctx.db, ctx.clock, payload)],
    IncidentEscalated: [async (payload, ctx) => snapshotEscalated(ctx.db, ctx.clock, payload)],
    IncidentMerged: [async (payload, ctx) => snapshotMerged(ctx.db, ctx.clock, payload)],
  }),
  async start({ metrics, db, clock }) {
    const remove = registerAnalyticsGauges(metrics.registry, db, clock);
    return async () => remove();
  },
};
