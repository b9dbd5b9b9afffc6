/** How the alerts module plugs into the app (see types.ts). */
import type { ModuleWiring } from './types.js';

export const alertsWiring: ModuleWiring = {
  name: 'alerts',
};
