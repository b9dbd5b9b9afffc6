/** Every module's wiring, in the order their routes and handlers are registered. */
import { alertsWiring } from './alerts.js';
import { analyticsWiring } from './analytics.js';
import { documentsWiring } from './documents.js';
import { incidentsWiring } from './incidents.js';
import { liveWiring } from './live.js';
import { notifyWiring } from './notify.js';
import { pagingWiring } from './paging.js';
import { responseWiring } from './response.js';
import { schedulesWiring } from './schedules.js';
import { servicesWiring } from './services.js';
import { statusPagesWiring } from './statuspages.js';
import type { ModuleWiring } from './types.js';
import { webhooksWiring } from './webhooks.js';

export const moduleWirings: ModuleWiring[] = [
  servicesWiring,
  incidentsWiring,
  analyticsWiring,
  pagingWiring,
  responseWiring,
  documentsWiring,
  alertsWiring,
  notifyWiring,
  schedulesWiring,
  webhooksWiring,
  liveWiring,
  statusPagesWiring,
];
export {
  eventDispatcher,
  eventHandlers,
  routesOf,
  subscribedEvents,
  type ModuleWiring,
  type WiringDeps,
  type EventSubscriber,
  type Subscriptions,
} from './types.js';
export { DECLARED_EVENTS } from './events.js';
