/**
 * How the documents module plugs into the app (see types.ts): its routes.
 * It subscribes to nothing; notify hears IncidentObjectivesMet (notify.ts).
 */
import { registerDocumentRoutes } from '../../http/routes/documents.routes.js';
import type { ModuleWiring } from './types.js';

export const documentsWiring: ModuleWiring = {
  name: 'documents',
  routes: [registerDocumentRoutes],
};
