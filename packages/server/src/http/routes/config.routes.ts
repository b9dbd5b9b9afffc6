/** Config as code: plan and apply a config document, export the current one (admin). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyConfig, ConfigDocumentSchema, ConfigPlanSchema, ConfigRequestSchema, exportConfig, planConfig,
} from '../../modules/config/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { privateErrors } from './shared.js';

const LooseRequestSchema = z.strictObject({ document: z.unknown().optional(), prune: z.boolean().default(false) });

/**
 * The body's document is checked by the config module, whose messages name
 * the place in the file (`teams[1].members[0]`) rather than the request body;
 * the route only insists on the envelope. The full schema still documents the
 * body in OpenAPI (attachValidation keeps Fastify from answering first).
 */
function configRequestOf(request: FastifyRequest): { document?: unknown; prune: boolean } {
  if (!request.validationError) return request.body as { document: unknown; prune: boolean };
  return LooseRequestSchema.parse(request.body ?? {});
}

export function registerConfigRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/config/plan', {
    attachValidation: true,
    schema: {
      tags: ['config'],
      summary: 'List the changes applying a config document would make; changes nothing (admin)',
      body: ConfigRequestSchema,
      response: { 200: ConfigPlanSchema, ...privateErrors },
    },
    handler: async (request) => {
      const { document, prune } = configRequestOf(request);
      return planConfig(ctxOf(deps, request), document, { prune });
    },
  });

  r.post('/api/v1/config/apply', {
    attachValidation: true,
    schema: {
      tags: ['config'],
      summary: 'Apply a config document in one transaction; returns the changes made (admin)',
      body: ConfigRequestSchema,
      response: { 200: ConfigPlanSchema, ...privateErrors },
    },
    handler: async (request) => {
      const { document, prune } = configRequestOf(request);
      return applyConfig(ctxOf(deps, request), document, { prune });
    },
  });

  r.get('/api/v1/config/export', {
    schema: {
      tags: ['config'],
      summary: 'The config document for the current state; applying it changes nothing (admin)',
      response: { 200: ConfigDocumentSchema, ...privateErrors },
    },
    handler: async (request) => exportConfig(ctxOf(deps, request)),
  });
}
