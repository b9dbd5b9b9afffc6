/**
 * How the live module plugs into the app (see types.ts): one hub per
 * database pool, its stream route, and closing its streams when the server
 * stops (an open stream would otherwise hold the shutdown for its grace).
 */
import { handleValue } from '../../db/context.js';
import { liveRoutes } from '../../http/routes/live.routes.js';
import { LiveHub } from '../../modules/live/index.js';
import type { ModuleWiring, WiringDeps } from './types.js';

const hubOf = (deps: WiringDeps): LiveHub =>
  handleValue(deps.db, 'live hub', () => new LiveHub(deps.db, { logger: deps.logger.child({ component: 'live' }) }));

export const liveWiring: ModuleWiring = {
  name: 'live',
  routes: (deps) => [liveRoutes(hubOf(deps))],
  async start(deps) {
    const hub = hubOf(deps);
    return async () => hub.close();
  },
};
