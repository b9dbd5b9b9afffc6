/** How the notify module plugs into the app (see types.ts). */
import type { ModuleWiring } from './types.js';

export const notifyWiring: ModuleWiring = {
  name: 'notify',
};
