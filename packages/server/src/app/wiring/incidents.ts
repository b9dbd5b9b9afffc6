/** How the incidents module plugs into the app (see types.ts): its routes (paging's use cases on an incident are among them). */
import { registerIncidentRoutes } from '../../http/routes/incidents.routes.js';
import type { ModuleWiring } from './types.js';

export const incidentsWiring: ModuleWiring = {
  name: 'incidents',
  routes: [registerIncidentRoutes],
};
