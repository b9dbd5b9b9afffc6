/**
 * Status updates on a declared incident (issue #12): post (responders, may
 * move the stage), list newest first, draft from the stage's canned text;
 * and the organisation's canned templates (list; edit as admin).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  draftStatusUpdate,
  editUpdateTemplate,
  EditUpdateTemplateSchema,
  listStatusUpdates,
  listUpdateTemplates,
  postStatusUpdate,
  PostStatusUpdateSchema,
  StatusUpdateDraftSchema,
  StatusUpdateSchema,
  TemplateStageSchema,
  UpdateTemplateSchema,
} from '../../modules/response/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

const IncidentParams = z.strictObject({ id: z.string().min(1).max(200).describe('incident uuid or number') });
const DraftQuery = z.strictObject({
  stage: TemplateStageSchema.optional().describe("the template's stage; default: the incident's"),
});

export function registerUpdatesRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['status updates'];

  r.post('/api/v1/incidents/:id/updates', {
    schema: {
      tags,
      summary:
        'Post a status update (responders): told to stakeholders and followers, and the announce channel; may move the stage',
      params: IncidentParams,
      body: PostStatusUpdateSchema,
      response: { 201: StatusUpdateSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await postStatusUpdate(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.get('/api/v1/incidents/:id/updates', {
    schema: {
      tags,
      summary: "A declared incident's status updates, newest first",
      params: IncidentParams,
      response: { 200: listOf(StatusUpdateSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listStatusUpdates(ctxOf(deps, request), request.params.id) }),
  });

  r.get('/api/v1/incidents/:id/updates/draft', {
    schema: {
      tags,
      summary: "A stage's canned update filled with the incident's title, severity and service (responders)",
      params: IncidentParams,
      querystring: DraftQuery,
      response: { 200: StatusUpdateDraftSchema, ...privateErrors },
    },
    handler: async (request) => draftStatusUpdate(ctxOf(deps, request), request.params.id, request.query.stage),
  });

  r.get('/api/v1/update-templates', {
    schema: {
      tags,
      summary: 'The canned status update text per stage',
      response: { 200: listOf(UpdateTemplateSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listUpdateTemplates(ctxOf(deps, request)) }),
  });

  r.put('/api/v1/update-templates/:stage', {
    schema: {
      tags,
      summary: "Change a stage's canned update text (admin)",
      params: z.strictObject({ stage: TemplateStageSchema }),
      body: EditUpdateTemplateSchema,
      response: { 200: UpdateTemplateSchema, ...privateErrors },
    },
    handler: async (request) => editUpdateTemplate(ctxOf(deps, request), request.params.stage, request.body),
  });
}
