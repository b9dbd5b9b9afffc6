/** Incidents (list, declare, read, act on) and alerts (listed alone, or as the ones behind an incident). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AlertDetailSchema,
  AlertEventListQuerySchema,
  AlertEventPageSchema,
  AlertListQuerySchema,
  AlertPageSchema,
  AlertSchema,
  getAlert,
  getIncidentWithAlerts,
  IncidentWithAlertsSchema,
  listAlertEvents,
  listAlerts,
  listIncidentAlerts,
  type AlertFilters,
} from '../../modules/alerts/index.js';
import {
  acknowledgeIncident,
  addNote,
  declareIncident,
  DeclareIncidentSchema,
  getTimeline,
  IncidentListQuerySchema,
  IncidentPageSchema,
  IncidentSchema,
  listIncidents,
  NoteSchema,
  ReassignSchema,
  resolveIncident,
  SnoozeSchema,
  type IncidentFilters,
} from '../../modules/incidents/index.js';
import { TimelineEntrySchema } from '../../modules/timeline/index.js';
import { escalateIncident, reassignIncident, snoozeIncident } from '../../modules/paging/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

const IncidentParams = z.strictObject({ id: z.string().min(1).max(200).describe('incident uuid or number') });
const AlertParams = z.strictObject({ id: z.uuid() });

export function registerIncidentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get('/api/v1/incidents', {
    schema: {
      tags,
      summary: 'List incidents, newest first',
      querystring: IncidentListQuerySchema,
      response: { 200: IncidentPageSchema, ...privateErrors },
    },
    handler: async (request) => {
      const { status, ...rest } = request.query;
      const filters: IncidentFilters = {
        ...rest,
        ...(status && { status: status.split(',') as IncidentFilters['status'] }),
      };
      return listIncidents(ctxOf(deps, request), filters);
    },
  });

  r.post('/api/v1/incidents', {
    schema: {
      tags,
      summary: 'Declare an incident on a service (responder)',
      body: DeclareIncidentSchema,
      response: { 201: IncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await declareIncident(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/incidents/:id', {
    schema: {
      tags,
      summary: 'Read an incident with its alerts',
      params: IncidentParams,
      response: { 200: IncidentWithAlertsSchema, ...privateErrors },
    },
    handler: async (request) => getIncidentWithAlerts(ctxOf(deps, request), request.params.id),
  });

  r.get('/api/v1/incidents/:id/timeline', {
    schema: {
      tags,
      summary: "Read an incident's timeline, oldest first",
      params: IncidentParams,
      response: { 200: listOf(TimelineEntrySchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await getTimeline(ctxOf(deps, request), request.params.id) }),
  });

  r.get('/api/v1/incidents/:id/alerts', {
    schema: {
      tags,
      summary: 'List the alerts grouped into an incident',
      params: IncidentParams,
      response: { 200: listOf(AlertSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listIncidentAlerts(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/incidents/:id/acknowledge', {
    schema: {
      tags,
      summary: 'Acknowledge: stops the escalation (responder)',
      params: IncidentParams,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => acknowledgeIncident(ctxOf(deps, request), request.params.id),
  });

  r.post('/api/v1/incidents/:id/resolve', {
    schema: {
      tags,
      summary: 'Resolve: stops everything (responder)',
      params: IncidentParams,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => resolveIncident(ctxOf(deps, request), request.params.id),
  });

  r.post('/api/v1/incidents/:id/snooze', {
    schema: {
      tags,
      summary: 'Snooze: acknowledged now, triggered again after the given minutes (responder)',
      params: IncidentParams,
      body: SnoozeSchema,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => snoozeIncident(ctxOf(deps, request), request.params.id, request.body.minutes),
  });

  r.post('/api/v1/incidents/:id/reassign', {
    schema: {
      tags,
      summary: 'Reassign to people (paged now) or to an escalation policy (walked from its first level) (responder)',
      params: IncidentParams,
      body: ReassignSchema,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => reassignIncident(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/escalate', {
    schema: {
      tags,
      summary: 'Escalate now: the next level is notified at once (responder)',
      params: IncidentParams,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => escalateIncident(ctxOf(deps, request), request.params.id),
  });

  r.post('/api/v1/incidents/:id/notes', {
    schema: {
      tags,
      summary: 'Add a note to the timeline (responder)',
      params: IncidentParams,
      body: NoteSchema,
      response: { 201: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addNote(ctxOf(deps, request), request.params.id, request.body.text)),
  });

  r.get('/api/v1/alerts', {
    schema: {
      tags: ['alerts'],
      summary: 'List alerts (suppressed ones too), newest first',
      querystring: AlertListQuerySchema,
      response: { 200: AlertPageSchema, ...privateErrors },
    },
    handler: async (request) => {
      const { status, ...rest } = request.query;
      const filters: AlertFilters = { ...rest, ...(status && { status: status.split(',') as AlertFilters['status'] }) };
      return listAlerts(ctxOf(deps, request), filters);
    },
  });

  r.get('/api/v1/alerts/:id', {
    schema: {
      tags: ['alerts'],
      summary: "Read an alert with the sender's raw payload",
      params: AlertParams,
      response: { 200: AlertDetailSchema, ...privateErrors },
    },
    handler: async (request) => getAlert(ctxOf(deps, request), request.params.id),
  });

  r.get('/api/v1/alerts/:id/events', {
    schema: {
      tags: ['alerts'],
      summary:
        "List the events an alert received (its log: triggers, acknowledges, resolves, each with the sender's payload), newest first",
      params: AlertParams,
      querystring: AlertEventListQuerySchema,
      response: { 200: AlertEventPageSchema, ...privateErrors },
    },
    handler: async (request) => listAlertEvents(ctxOf(deps, request), request.params.id, request.query),
  });
}
