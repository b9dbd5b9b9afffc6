/** An incident's timeline: read it (filtered), star entries, edit and delete your own notes, read a note's versions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deleteNote,
  editNote,
  getNoteHistory,
  getTimeline,
  NoteSchema,
  setTimelineStar,
} from '../../modules/incidents/index.js';
import {
  parseTimelineFilters,
  TimelineEntrySchema,
  TimelineQuerySchema,
  TimelineRevisionSchema,
} from '../../modules/timeline/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IncidentParams, listOf, privateErrors } from './shared.js';

const EntryParams = IncidentParams.extend({
  entryId: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .describe('timeline entry id'),
});

export function registerTimelineRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get('/api/v1/incidents/:id/timeline', {
    schema: {
      tags,
      summary: "Read an incident's timeline, oldest first; filter by kind, source and starred",
      params: IncidentParams,
      querystring: TimelineQuerySchema,
      response: { 200: listOf(TimelineEntrySchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await getTimeline(ctxOf(deps, request), request.params.id, parseTimelineFilters(request.query)),
    }),
  });

  r.put('/api/v1/incidents/:id/timeline/:entryId/star', {
    schema: {
      tags,
      summary: 'Star a timeline entry for the postmortem (responder)',
      params: EntryParams,
      response: { 200: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request) => setTimelineStar(ctxOf(deps, request), request.params.id, request.params.entryId, true),
  });

  r.delete('/api/v1/incidents/:id/timeline/:entryId/star', {
    schema: {
      tags,
      summary: "Remove a timeline entry's star (responder)",
      params: EntryParams,
      response: { 200: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request) => setTimelineStar(ctxOf(deps, request), request.params.id, request.params.entryId, false),
  });

  r.patch('/api/v1/incidents/:id/timeline/:entryId', {
    schema: {
      tags,
      summary: 'Edit your own note: the earlier text is kept in its history',
      params: EntryParams,
      body: NoteSchema,
      response: { 200: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request) =>
      editNote(ctxOf(deps, request), request.params.id, request.params.entryId, request.body.text),
  });

  r.delete('/api/v1/incidents/:id/timeline/:entryId', {
    schema: {
      tags,
      summary: 'Delete your own note (an admin: anyone\'s): it stays as a tombstone, "Note deleted by …"',
      params: EntryParams,
      response: { 200: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request) => deleteNote(ctxOf(deps, request), request.params.id, request.params.entryId),
  });

  r.get('/api/v1/incidents/:id/timeline/:entryId/history', {
    schema: {
      tags,
      summary: "Every version of a note, oldest first, with who and when (a deleted note's texts are withheld)",
      params: EntryParams,
      response: { 200: listOf(TimelineRevisionSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await getNoteHistory(ctxOf(deps, request), request.params.id, request.params.entryId),
    }),
  });
}
