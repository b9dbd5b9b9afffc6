/** Config as code: plan and apply a config document, export the current one (admin). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applyConfig,
  ConfigApplyRequestSchema,
  ConfigDocumentSchema,
  ConfigPlanSchema,
  ConfigRequestSchema,
  exportConfig,
  planConfig,
} from '../../modules/config/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { privateErrors } from './shared.js';

const LooseRequestSchema = z.strictObject({ document: z.unknown().optional(), prune: z.boolean().default(false) });
const LooseApplyRequestSchema = LooseRequestSchema.extend({
  expectedFingerprint: ConfigApplyRequestSchema.shape.expectedFingerprint,
});

/**
 * The body's document is checked by the config module, whose messages name
 * the place in the file (`teams[1].members[0]`) rather than the request body;
 * the route only insists on the envelope. The full schema still documents the
 * body in OpenAPI (attachValidation keeps Fastify from answering first).
 */
function configRequestOf<Envelope extends typeof LooseRequestSchema>(
  request: FastifyRequest,
  envelope: Envelope,
): z.infer<Envelope> {
  if (!request.validationError) return request.body as z.infer<Envelope>;
  return envelope.parse(request.body ?? {});
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
      const { document, prune } = configRequestOf(request, LooseRequestSchema);
      return planConfig(ctxOf(deps, request), document, { prune });
    },
  });

  r.post('/api/v1/config/apply', {
    attachValidation: true,
    schema: {
      tags: ['config'],
      summary: 'Apply a config document in one transaction; returns the changes made (admin)',
      description:
        'With expectedFingerprint (from the plan that was reviewed), applies only that plan: when Tocsin or the document changed since, nothing is applied and the answer is 409 with the new plan in error.details.',
      body: ConfigApplyRequestSchema,
      response: { 200: ConfigPlanSchema, ...privateErrors },
    },
    handler: async (request) => {
      const { document, prune, expectedFingerprint } = configRequestOf(request, LooseApplyRequestSchema);
      return applyConfig(ctxOf(deps, request), document, {
        prune,
        ...(expectedFingerprint !== undefined && { expectedFingerprint }),
      });
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
