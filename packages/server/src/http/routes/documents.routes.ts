/**
 * The live state document of a declared incident: its sections (saved from
 * a named version; a stale save is a 409 carrying the current text), their
 * history, resolution objectives, post-incident actions, links, and the
 * organisation's conference bridge.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addAction,
  AddActionSchema,
  addLink,
  AddLinkSchema,
  addObjective,
  AddObjectiveSchema,
  ConferenceBridgeSchema,
  getIncidentDocument,
  IncidentDocumentSchema,
  readConferenceBridge,
  removeAction,
  removeLink,
  removeObjective,
  saveSection,
  SaveSectionSchema,
  sectionHistory,
  SectionKeySchema,
  SectionRevisionSchema,
  setConferenceBridge,
  updateActionItem,
  UpdateActionSchema,
  updateObjectiveItem,
  UpdateObjectiveSchema,
} from '../../modules/documents/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

const IncidentParams = z.strictObject({ id: z.string().min(1).max(200).describe('incident uuid or number') });
const SectionParams = IncidentParams.extend({ key: SectionKeySchema });
const ItemParams = IncidentParams.extend({ itemId: z.uuid() });
const BASE = '/api/v1/incidents/:id/document';

export function registerDocumentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incident documents'];
  const documentAnswer = { 200: IncidentDocumentSchema, ...privateErrors };
  const created = { 201: IncidentDocumentSchema, ...privateErrors };

  r.get(BASE, {
    schema: {
      tags,
      summary: "A declared incident's live state document (stakeholder and up)",
      params: IncidentParams,
      response: documentAnswer,
    },
    handler: async (request) => getIncidentDocument(ctxOf(deps, request), request.params.id),
  });

  r.put(`${BASE}/sections/:key`, {
    schema: {
      tags,
      summary:
        'Save a section from the version you started from (responder); 409 with the current text and version when someone saved since',
      params: SectionParams,
      body: SaveSectionSchema,
      response: documentAnswer,
    },
    handler: async (request) => saveSection(ctxOf(deps, request), request.params.id, request.params.key, request.body),
  });

  r.get(`${BASE}/sections/:key/history`, {
    schema: {
      tags,
      summary: 'Every saved version of a section, newest first, with who and when',
      params: SectionParams,
      response: { 200: listOf(SectionRevisionSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await sectionHistory(ctxOf(deps, request), request.params.id, request.params.key),
    }),
  });

  r.post(`${BASE}/objectives`, {
    schema: {
      tags,
      summary: 'Add a resolution objective (responder)',
      params: IncidentParams,
      body: AddObjectiveSchema,
      response: created,
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addObjective(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.patch(`${BASE}/objectives/:itemId`, {
    schema: {
      tags,
      summary: 'Reword a resolution objective or mark it met / not met (responder); the owner is told when all are met',
      params: ItemParams,
      body: UpdateObjectiveSchema,
      response: documentAnswer,
    },
    handler: async (request) =>
      updateObjectiveItem(ctxOf(deps, request), request.params.id, request.params.itemId, request.body),
  });

  r.delete(`${BASE}/objectives/:itemId`, {
    schema: {
      tags,
      summary: 'Remove a resolution objective (responder)',
      params: ItemParams,
      response: documentAnswer,
    },
    handler: async (request) => removeObjective(ctxOf(deps, request), request.params.id, request.params.itemId),
  });

  r.post(`${BASE}/actions`, {
    schema: {
      tags,
      summary: 'Add a post-incident action (responder)',
      params: IncidentParams,
      body: AddActionSchema,
      response: created,
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addAction(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.patch(`${BASE}/actions/:itemId`, {
    schema: {
      tags,
      summary: "Change a post-incident action's text, owner or due date (responder)",
      params: ItemParams,
      body: UpdateActionSchema,
      response: documentAnswer,
    },
    handler: async (request) =>
      updateActionItem(ctxOf(deps, request), request.params.id, request.params.itemId, request.body),
  });

  r.delete(`${BASE}/actions/:itemId`, {
    schema: {
      tags,
      summary: 'Remove a post-incident action (responder)',
      params: ItemParams,
      response: documentAnswer,
    },
    handler: async (request) => removeAction(ctxOf(deps, request), request.params.id, request.params.itemId),
  });

  r.post(`${BASE}/links`, {
    schema: {
      tags,
      summary: 'Add a link: a dashboard, a runbook (responder)',
      params: IncidentParams,
      body: AddLinkSchema,
      response: created,
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addLink(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.delete(`${BASE}/links/:itemId`, {
    schema: { tags, summary: 'Remove a link (responder)', params: ItemParams, response: documentAnswer },
    handler: async (request) => removeLink(ctxOf(deps, request), request.params.id, request.params.itemId),
  });

  r.get('/api/v1/settings/conference-bridge', {
    schema: {
      tags,
      summary: "The organisation's default conference bridge, linked from every incident document",
      response: { 200: ConferenceBridgeSchema, ...privateErrors },
    },
    handler: async (request) => readConferenceBridge(ctxOf(deps, request)),
  });

  r.put('/api/v1/settings/conference-bridge', {
    schema: {
      tags,
      summary: 'Set (or clear, with null) the default conference bridge (admin)',
      body: ConferenceBridgeSchema,
      response: { 200: ConferenceBridgeSchema, ...privateErrors },
    },
    handler: async (request) => setConferenceBridge(ctxOf(deps, request), request.body.url),
  });
}
