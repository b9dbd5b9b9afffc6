/**
 * Page templates over the admin API: admins manage a page's canned titles
 * and messages; anyone signed in reads them; a responder picks one with
 * `template` when publishing a page incident, an update or a maintenance.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTemplate,
  CreateTemplateSchema,
  deleteTemplate,
  listTemplates,
  PageTemplateSchema,
  updateTemplate,
  UpdateTemplateSchema,
} from '../../modules/statuspages/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

const tags = ['status pages'];
const TemplateParams = z.strictObject({
  id: z.string().min(1).max(200).describe('page uuid or slug'),
  templateId: z.string().min(1).max(200).describe('template uuid or name'),
});

export function registerTemplateRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/status-pages/:id/templates', {
    schema: {
      tags,
      summary: "A status page's templates for page incidents and updates",
      params: IdParams,
      response: { 200: listOf(PageTemplateSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listTemplates(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/status-pages/:id/templates', {
    schema: {
      tags,
      summary: 'Add a template (admin)',
      params: IdParams,
      body: CreateTemplateSchema,
      response: { 201: PageTemplateSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createTemplate(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.patch('/api/v1/status-pages/:id/templates/:templateId', {
    schema: {
      tags,
      summary: 'Change a template (admin)',
      params: TemplateParams,
      body: UpdateTemplateSchema,
      response: { 200: PageTemplateSchema, ...privateErrors },
    },
    handler: async (request) =>
      updateTemplate(ctxOf(deps, request), request.params.id, request.params.templateId, request.body),
  });

  r.delete('/api/v1/status-pages/:id/templates/:templateId', {
    schema: {
      tags,
      summary: 'Remove a template (admin)',
      params: TemplateParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteTemplate(ctxOf(deps, request), request.params.id, request.params.templateId);
      return reply.status(204).send(null);
    },
  });
}
