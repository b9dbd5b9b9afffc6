/** Services, their integration keys (with the URLs senders paste) and maintenance windows. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createIntegrationKey,
  CreateIntegrationKeySchema,
  deleteIntegrationKey,
  IntegrationKeySchema,
  listIntegrationKeys,
  rotateIntegrationKey,
  updateIntegrationKey,
  UpdateIntegrationKeySchema,
  withEndpoints,
  type Addressing,
} from '../../modules/ingest/index.js';
import {
  createMaintenanceWindow,
  CreateMaintenanceSchema,
  createService,
  CreateServiceSchema,
  deleteMaintenanceWindow,
  deleteService,
  getService,
  listMaintenanceWindows,
  listServices,
  MaintenanceWindowSchema,
  ServiceSchema,
  updateService,
  UpdateServiceSchema,
} from '../../modules/services/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

const KeyParams = z.strictObject({ id: z.string().min(1).max(200), keyId: z.uuid() });
const WindowParams = z.strictObject({ id: z.string().min(1).max(200), windowId: z.uuid() });

export function registerServiceRoutes(app: FastifyInstance, deps: HttpDeps, addressing: Addressing): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/services', {
    schema: {
      tags: ['services'],
      summary: 'List services',
      response: { 200: listOf(ServiceSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listServices(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/services', {
    schema: {
      tags: ['services'],
      summary: 'Create a service (admin)',
      body: CreateServiceSchema,
      response: { 201: ServiceSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createService(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/services/:id', {
    schema: {
      tags: ['services'],
      summary: 'Read a service by id or slug',
      params: IdParams,
      response: { 200: ServiceSchema, ...privateErrors },
    },
    handler: async (request) => getService(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/services/:id', {
    schema: {
      tags: ['services'],
      summary: 'Update a service (admin)',
      params: IdParams,
      body: UpdateServiceSchema,
      response: { 200: ServiceSchema, ...privateErrors },
    },
    handler: async (request) => updateService(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/services/:id', {
    schema: {
      tags: ['services'],
      summary: 'Delete a service with its keys and maintenance windows (admin); refused once it has incidents',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteService(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/services/:id/integration-keys', {
    schema: {
      tags: ['services'],
      summary: "List a service's integration keys with the URLs to paste into each sender (responder)",
      params: IdParams,
      response: { 200: listOf(IntegrationKeySchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: (await listIntegrationKeys(ctxOf(deps, request), request.params.id)).map((key) =>
        withEndpoints(key, addressing),
      ),
    }),
  });

  r.post('/api/v1/services/:id/integration-keys', {
    schema: {
      tags: ['services'],
      summary: 'Create an integration key (admin)',
      description:
        'The routing key is 32 random hex characters. Settings depend on the type: webhook (field mapping), email (dedup rule), heartbeat (interval).',
      params: IdParams,
      body: CreateIntegrationKeySchema,
      response: { 201: IntegrationKeySchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          withEndpoints(await createIntegrationKey(ctxOf(deps, request), request.params.id, request.body), addressing),
        ),
  });

  r.patch('/api/v1/services/:id/integration-keys/:keyId', {
    schema: {
      tags: ['services'],
      summary: 'Rename an integration key or replace its settings (admin)',
      params: KeyParams,
      body: UpdateIntegrationKeySchema,
      response: { 200: IntegrationKeySchema, ...privateErrors },
    },
    handler: async (request) =>
      withEndpoints(
        await updateIntegrationKey(ctxOf(deps, request), request.params.id, request.params.keyId, request.body),
        addressing,
      ),
  });

  r.post('/api/v1/services/:id/integration-keys/:keyId/rotate', {
    schema: {
      tags: ['services'],
      summary: 'Give an integration key a new routing key; the old one stops working (admin)',
      params: KeyParams,
      response: { 200: IntegrationKeySchema, ...privateErrors },
    },
    handler: async (request) =>
      withEndpoints(
        await rotateIntegrationKey(ctxOf(deps, request), request.params.id, request.params.keyId),
        addressing,
      ),
  });

  r.delete('/api/v1/services/:id/integration-keys/:keyId', {
    schema: {
      tags: ['services'],
      summary: 'Delete an integration key (admin)',
      params: KeyParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteIntegrationKey(ctxOf(deps, request), request.params.id, request.params.keyId);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/services/:id/maintenance-windows', {
    schema: {
      tags: ['services'],
      summary: "List a service's maintenance windows that have not ended (or all of them)",
      params: IdParams,
      querystring: z.strictObject({ includePast: z.enum(['true', 'false']).optional() }),
      response: { 200: listOf(MaintenanceWindowSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listMaintenanceWindows(ctxOf(deps, request), request.params.id, {
        includePast: request.query.includePast === 'true',
      }),
    }),
  });

  r.post('/api/v1/services/:id/maintenance-windows', {
    schema: {
      tags: ['services'],
      summary: 'Schedule maintenance: nobody is paged for the service in the window (admin)',
      params: IdParams,
      body: CreateMaintenanceSchema,
      response: { 201: MaintenanceWindowSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createMaintenanceWindow(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.delete('/api/v1/services/:id/maintenance-windows/:windowId', {
    schema: {
      tags: ['services'],
      summary: 'Cancel a maintenance window (admin)',
      params: WindowParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteMaintenanceWindow(ctxOf(deps, request), request.params.id, request.params.windowId);
      return reply.status(204).send(null);
    },
  });
}
