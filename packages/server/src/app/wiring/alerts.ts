/**
 * How the alerts module plugs into the app (see types.ts).
 *
 * Ingest (the edge where alerts come in): the HTTP endpoints, the inbound
 * SMTP listener when TOCSIN_SMTP_INBOUND_PORT is set, the listener that
 * tells their routing caches of integration key changes, and the
 * missed-heartbeat reconciler.
 *
 * Alerts: the reconciler that turns stored events into alerts and incidents,
 * and resolving a resolved incident's open alerts.
 */
import { registerIngestRoutes } from '../../http/routes/ingest.routes.js';
import {
  createAlertsReconciler,
  moveAlertsOfMergedIncident,
  resolveAlertsOfResolvedIncident,
} from '../../modules/alerts/index.js';
import {
  createHeartbeatReconciler,
  createIngestEdge,
  keyChangesOf,
  listenForKeyChanges,
  startInboundEmail,
} from '../../modules/ingest/index.js';
import type { ModuleWiring } from './types.js';

export const alertsWiring: ModuleWiring = {
  name: 'alerts',
  routes: (deps) => [
    (app, http) =>
      registerIngestRoutes(app, http, {
        ratePerMinute: deps.config.ingestRatePerMinute,
        emailDomain: deps.config.providers.inboundSmtp?.domain,
        keyChanges: keyChangesOf(deps.db),
      }),
  ],
  reconcilers: (deps) => [
    createHeartbeatReconciler({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger.child({ component: 'heartbeat' }),
    }),
    createAlertsReconciler({ db: deps.db, clock: deps.clock, logger: deps.logger.child({ component: 'alerts' }) }),
  ],
  subscriptions: () => ({
    IncidentMerged: [async (payload, ctx) => void (await moveAlertsOfMergedIncident(ctx.db, ctx.clock, payload))],
    IncidentResolved: [
      async (payload, ctx) => void (await resolveAlertsOfResolvedIncident(ctx.db, ctx.clock, payload)),
    ],
  }),
  async start(deps) {
    // Until this node hears key changes, its ingest edges remember no routing key.
    const stopListening = listenForKeyChanges(deps);
    const smtp = deps.config.providers.inboundSmtp;
    const listener =
      smtp &&
      (await startInboundEmail({
        ...smtp,
        edge: createIngestEdge({
          db: deps.db,
          clock: deps.clock,
          ratePerMinute: deps.config.ingestRatePerMinute,
          keyChanges: keyChangesOf(deps.db),
        }),
        logger: deps.logger.child({ component: 'inbound-email' }),
      }).catch(async (error: unknown) => {
        await stopListening();
        throw error;
      }));
    return async () => {
      await listener?.stop();
      await stopListening();
    };
  },
};
