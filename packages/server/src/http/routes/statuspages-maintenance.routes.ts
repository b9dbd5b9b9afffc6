/**
 * Scheduled maintenances over the admin API: responders announce one
 * (window, affected components, message) and list them; its updates go
 * through the page incident updates route (states scheduled, in_progress,
 * verifying, completed). It starts and completes by itself at its window's
 * edges. After a change this node renders the page before answering.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listMaintenances,
  PageIncidentSchema,
  scheduleMaintenance,
  ScheduleMaintenanceSchema,
} from '../../modules/statuspages/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';
import type { RefreshPage } from './statuspages.routes.js';

const tags = ['status pages'];

export function registerMaintenanceRoutes(app: FastifyInstance, deps: HttpDeps, refresh: RefreshPage): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/status-pages/:id/maintenances', {
    schema: {
      tags,
      summary: "A status page's scheduled maintenances (page incidents of kind maintenance), latest first",
      params: IdParams,
      response: { 200: listOf(PageIncidentSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listMaintenances(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/status-pages/:id/maintenances', {
    schema: {
      tags,
      summary:
        'Announce a scheduled maintenance (responders): it starts at scheduledFor and completes at scheduledUntil by itself, its components Under Maintenance meanwhile',
      params: IdParams,
      body: ScheduleMaintenanceSchema,
      response: { 201: PageIncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const maintenance = await scheduleMaintenance(ctxOf(deps, request), request.params.id, request.body);
      await refresh(maintenance.pageId);
      return reply.status(201).send(maintenance);
    },
  });
}
