/** How the incidents module plugs into the app (see types.ts). */
import type { ModuleWiring } from './types.js';

export const incidentsWiring: ModuleWiring = {
  name: 'incidents',
};
