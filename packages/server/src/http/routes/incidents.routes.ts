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
  declareIncident,
  IncidentListQuerySchema,
  IncidentPageSchema,
  IncidentSchema,
  listIncidents,
  NoteSchema,
  ReassignSchema,
  SnoozeSchema,
  type IncidentFilters,
  type IncidentListQuery,
} from '../../modules/incidents/index.js';
import {
  addNoteAsParticipant,
  declareResponse,
  DeclareResponseSchema,
  resolveAsResponder,
  SeverityKeySchema,
} from '../../modules/response/index.js';
import type { Actor } from '../../lib/actor.js';
import { badRequest } from '../../lib/errors.js';
import { TimelineEntrySchema } from '../../modules/timeline/index.js';
import { escalateIncident, reassignIncident, snoozeIncident } from '../../modules/paging/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IncidentParams, listOf, privateErrors } from './shared.js';

const AlertParams = z.strictObject({ id: z.uuid() });

/** One body opens either kind of incident: a severity declares it (ADR 17). */
const OpenIncidentSchema = DeclareResponseSchema.extend({
  severity: SeverityKeySchema.optional().describe('declare it with this severity; without, it only pages'),
});
const RESPONSE_ONLY = ['page', 'category', 'impactedServiceIds', 'steps'] as const;

const list = <T extends string>(value: string | undefined): T[] | undefined =>
  value === undefined ? undefined : (value.split(',') as T[]);
const flag = (value: 'true' | 'false' | undefined): boolean | undefined =>
  value === undefined ? undefined : value === 'true';

/** The list query as filters; mine=true means the viewer. */
function incidentFilters(query: IncidentListQuery, actor: Actor): IncidentFilters {
  const { status, severity, stage, declared, nearMiss, mine, role, ...rest } = query;
  const status_ = list<NonNullable<IncidentFilters['status']>[number]>(status);
  const severity_ = list<NonNullable<IncidentFilters['severity']>[number]>(severity);
  const stage_ = list<NonNullable<IncidentFilters['stage']>[number]>(stage);
  const declared_ = flag(declared);
  const nearMiss_ = flag(nearMiss);
  if (mine === 'true' && actor.type !== 'user') throw badRequest('mine=true needs a person: this caller is not one.');
  return {
    ...rest,
    ...(status_ && { status: status_ }),
    ...(severity_ && { severity: severity_ }),
    ...(stage_ && { stage: stage_ }),
    ...(declared_ !== undefined && { declared: declared_ }),
    ...(nearMiss_ !== undefined && { nearMiss: nearMiss_ }),
    ...(role && { role }),
    ...(mine === 'true' && actor.type === 'user' && { mineOf: actor.userId }),
  };
}

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
      const ctx = ctxOf(deps, request);
      return listIncidents(ctx, incidentFilters(request.query, ctx.actor));
    },
  });

  r.post('/api/v1/incidents', {
    schema: {
      tags,
      summary:
        'Open an incident on a service (responder): with a severity it is declared (ADR 17: owner, roles, stage; you choose who is paged); without, it pages the policy like an alert',
      body: OpenIncidentSchema,
      response: { 201: IncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      const ctx = ctxOf(deps, request);
      const { severity, ...rest } = request.body;
      if (severity) return reply.status(201).send(await declareResponse(ctx, { ...rest, severity }));
      const extra: string[] = RESPONSE_ONLY.filter((k) => rest[k] !== undefined);
      if (rest.nearMiss) extra.push('nearMiss');
      if (extra.length)
        throw badRequest(
          `${extra.join(', ')} ${extra.length === 1 ? 'needs' : 'need'} a severity: add "severity" (S1 to S4) to declare the incident.`,
        );
      const { serviceId, title, urgency, priority, details } = rest;
      return reply.status(201).send(
        await declareIncident(ctx, {
          serviceId,
          title,
          urgency,
          priority,
          ...(details !== undefined && { details }),
        }),
      );
    },
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
      summary: 'Resolve: stops everything (responder); a declared incident only by its owner (moves it to Resolved)',
      params: IncidentParams,
      response: { 200: IncidentSchema, ...privateErrors },
    },
    handler: async (request) => resolveAsResponder(ctxOf(deps, request), request.params.id),
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
      summary: 'Add a note to the timeline (responder, or the reporter following it)',
      params: IncidentParams,
      body: NoteSchema,
      response: { 201: TimelineEntrySchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await addNoteAsParticipant(ctxOf(deps, request), request.params.id, request.body.text)),
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
