/**
 * How the services module plugs into the app (see types.ts), with the
 * configuration it pages by: escalation policies and chat channels, which
 * have no wiring of their own.
 */
import { registerChannelRoutes } from '../../http/routes/channels.routes.js';
import { registerEscalationRoutes } from '../../http/routes/escalation.routes.js';
import { registerServiceRoutes } from '../../http/routes/services.routes.js';
import type { ModuleWiring } from './types.js';

export const servicesWiring: ModuleWiring = {
  name: 'services',
  routes: (deps) => [
    registerChannelRoutes,
    registerEscalationRoutes,
    (app, http) =>
      registerServiceRoutes(app, http, {
        publicUrl: deps.config.publicUrl,
        inboundEmailDomain: deps.config.providers.inboundSmtp?.domain ?? 'localhost',
      }),
  ],
};
