/** How the incidents module plugs into the app (see types.ts): its routes (paging's use cases on an incident are among them, and its timeline's). */
import { registerIncidentRoutes } from '../../http/routes/incidents.routes.js';
import { registerTimelineRoutes } from '../../http/routes/timeline.routes.js';
import type { ModuleWiring } from './types.js';

export const incidentsWiring: ModuleWiring = {
  name: 'incidents',
  routes: [registerIncidentRoutes, registerTimelineRoutes],
};
