/** How the incidents module plugs into the app (see types.ts): its routes and the escalation reconciler. */
import { registerIncidentRoutes } from '../../http/routes/incidents.routes.js';
import { createEscalationReconciler } from '../../modules/incidents/index.js';
import type { ModuleWiring } from './types.js';

export const incidentsWiring: ModuleWiring = {
  name: 'incidents',
  routes: [registerIncidentRoutes],
  // The default resolveTargets knows users, teams and channels; schedules plug theirs in here.
  reconcilers: ({ db, clock, logger }) => [createEscalationReconciler({ db, clock, logger: logger.child({ component: 'escalation' }) })],
};
