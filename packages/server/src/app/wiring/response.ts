/**
 * How the response module plugs into the app (see types.ts): its routes and
 * the reconciler that runs its timed rules. It subscribes to nothing: a rule
 * reads the state when it falls due (ADR 17).
 */
import { registerResponseRoutes } from '../../http/routes/response.routes.js';
import { createResponseReconciler } from '../../modules/response/index.js';
import type { ModuleWiring } from './types.js';

export const responseWiring: ModuleWiring = {
  name: 'response',
  routes: [registerResponseRoutes],
  reconcilers: ({ db, clock, logger }) => [
    createResponseReconciler({ db, clock, logger: logger.child({ component: 'response-rules' }) }),
  ],
};
