/**
 * How the response module plugs into the app (see types.ts): its routes
 * (status updates included) and the reconcilers that run its timed rules,
 * its update reminders and the detailed status's review reminders. It subscribes to nothing: a rule or a reminder reads
 * the state when it falls due (ADR 17).
 */
import { registerResponseRoutes } from '../../http/routes/response.routes.js';
import { registerUpdatesRoutes } from '../../http/routes/updates.routes.js';
import {
  createResponseReconciler,
  createReviewReminderReconciler,
  createUpdateReminderReconciler,
} from '../../modules/response/index.js';
import type { ModuleWiring } from './types.js';

export const responseWiring: ModuleWiring = {
  name: 'response',
  routes: [registerResponseRoutes, registerUpdatesRoutes],
  reconcilers: ({ db, clock, logger }) => [
    createResponseReconciler({ db, clock, logger: logger.child({ component: 'response-rules' }) }),
    createUpdateReminderReconciler({ db, clock, logger: logger.child({ component: 'update-reminders' }) }),
    createReviewReminderReconciler({ db, clock, logger: logger.child({ component: 'review-reminders' }) }),
  ],
};
