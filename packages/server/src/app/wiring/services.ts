/** How the services module plugs into the app (see types.ts). */
import type { ModuleWiring } from './types.js';

export const servicesWiring: ModuleWiring = {
  name: 'services',
};
