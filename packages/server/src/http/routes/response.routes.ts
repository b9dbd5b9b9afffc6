/**
 * Incident response (ADR 17): declaring, reporting and promoting; severity,
 * stage, category, impacted services; roles, hand-offs, links, the start
 * checklist; and the organisation's definitions (severities, categories, roles).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IncidentSchema } from '../../modules/incidents/index.js';
import {
  answerHandoff,
  followIncident,
  unfollowIncident,
  setIncidentPrivate,
  readSecurityTeam,
  setSecurityTeam,
  CategorySchema,
  ChangeCategorySchema,
  ChangeSeveritySchema,
  ChangeStageSchema,
  changeCategory,
  changeSeverity,
  changeStage,
  createCategory,
  CreateCategorySchema,
  createRole,
  CreateRoleSchema,
  deleteRole,
  engageRole,
  EngageRoleSchema,
  getIncidentResponse,
  HandoffRequestSchema,
  ImpactedServicesSchema,
  IncidentResponseSchema,
  linkIncidents,
  listIncidentLinks,
  LinkSchema,
  listCategories,
  listRoles,
  listSeverities,
  mergeIncident,
  MergeSchema,
  promoteIncident,
  PromoteSchema,
  removeCategory,
  reportIncident,
  ReportSchema,
  requestHandoff,
  ResponseRoleSchema,
  setImpactedServices,
  SeverityKeySchema,
  SeveritySchema,
  takeRole,
  TakeRoleSchema,
  tickChecklist,
  unlinkIncidents,
  updateRole,
  UpdateRoleSchema,
  updateSeverity,
  UpdateSeveritySchema,
} from '../../modules/response/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

const IncidentParams = z.strictObject({ id: z.string().min(1).max(200).describe('incident uuid or number') });
const HandoffParams = IncidentParams.extend({ handoffId: z.uuid() });
const LinkParams = IncidentParams.extend({ otherId: z.string().min(1).max(200) });
const SlugParams = z.strictObject({ slug: z.string().min(1).max(63) });
const SeverityParams = z.strictObject({ key: SeverityKeySchema });
const ChecklistSchema = z.strictObject({ key: z.string().min(1).max(63), done: z.boolean() });

export function registerResponseRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incident response'];
  const incidentAnswer = { 200: IncidentSchema, ...privateErrors };

  r.post('/api/v1/incidents/report', {
    schema: {
      tags,
      summary: 'Report a problem with a service: its EOC is paged, you follow it as a stakeholder (anyone signed in)',
      body: ReportSchema,
      response: { 201: IncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await reportIncident(ctxOf(deps, request), request.body)),
  });

  r.post('/api/v1/incidents/:id/declare', {
    schema: {
      tags,
      summary: 'Declare a paged incident: it gets a severity, a stage and an owner; its paging goes on (responder)',
      params: IncidentParams,
      body: PromoteSchema,
      response: incidentAnswer,
    },
    handler: async (request) => promoteIncident(ctxOf(deps, request), request.params.id, request.body),
  });

  r.get('/api/v1/incidents/:id/response', {
    schema: {
      tags,
      summary: "Read a declared incident's response: roles, owner, hand-offs, severity history, links, checklist",
      params: IncidentParams,
      response: { 200: IncidentResponseSchema, ...privateErrors },
    },
    handler: async (request) => getIncidentResponse(ctxOf(deps, request), request.params.id),
  });

  r.post('/api/v1/incidents/:id/severity', {
    schema: {
      tags,
      summary: 'Change the severity, saying why; raising it to one that engages the IMOC engages them (responder)',
      params: IncidentParams,
      body: ChangeSeveritySchema,
      response: incidentAnswer,
    },
    handler: async (request) => changeSeverity(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/stage', {
    schema: {
      tags,
      summary: 'Move the stage; only the owner resolves, closes or reopens (responder)',
      params: IncidentParams,
      body: ChangeStageSchema,
      response: incidentAnswer,
    },
    handler: async (request) => changeStage(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/category', {
    schema: {
      tags,
      summary: 'Set the category (responder)',
      params: IncidentParams,
      body: ChangeCategorySchema,
      response: incidentAnswer,
    },
    handler: async (request) => changeCategory(ctxOf(deps, request), request.params.id, request.body),
  });

  r.put('/api/v1/incidents/:id/impacted-services', {
    schema: {
      tags,
      summary: 'Set the impacted services (the paging service stays one) (responder)',
      params: IncidentParams,
      body: ImpactedServicesSchema,
      response: incidentAnswer,
    },
    handler: async (request) => setImpactedServices(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/roles/engage', {
    schema: {
      tags,
      summary: 'Engage a role: a named person, or whoever is on call for it; they are paged (never twice) (responder)',
      params: IncidentParams,
      body: EngageRoleSchema,
      response: incidentAnswer,
    },
    handler: async (request) => engageRole(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/roles/take', {
    schema: {
      tags,
      summary: 'Take a role yourself; taking an owning role of higher rank makes you owner (responder)',
      params: IncidentParams,
      body: TakeRoleSchema,
      response: incidentAnswer,
    },
    handler: async (request) => takeRole(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/handoffs', {
    schema: {
      tags,
      summary: 'Ask someone to take over a role you hold (by default the one that makes you owner) (responder)',
      params: IncidentParams,
      body: HandoffRequestSchema,
      response: { 201: IncidentSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await requestHandoff(ctxOf(deps, request), request.params.id, request.body)),
  });

  for (const answer of ['accept', 'decline', 'cancel'] as const) {
    r.post(`/api/v1/incidents/:id/handoffs/:handoffId/${answer}`, {
      schema: {
        tags,
        summary:
          answer === 'cancel'
            ? 'Cancel a hand-off you asked for (responder)'
            : `${answer === 'accept' ? 'Accept' : 'Decline'} a hand-off you were asked to take (responder)`,
        params: HandoffParams,
        response: incidentAnswer,
      },
      handler: async (request) =>
        answerHandoff(ctxOf(deps, request), request.params.id, request.params.handoffId, answer),
    });
  }

  const FollowerSchema = z.strictObject({
    userId: z.uuid().optional().describe('who follows; default: you'),
  });
  const FollowingSchema = z.object({ incidentId: z.uuid(), userId: z.uuid(), following: z.boolean() });
  const SecurityTeamSchema = z.strictObject({
    teamId: z.string().min(1).max(200).nullable().describe('team id or slug; null: no security team'),
  });

  r.post('/api/v1/incidents/:id/followers', {
    schema: {
      tags,
      summary: 'Follow an incident, or make someone follow it; a private one then shows to them (anyone who sees it)',
      params: IncidentParams,
      body: FollowerSchema,
      response: { 200: FollowingSchema, ...privateErrors },
    },
    handler: async (request) => followIncident(ctxOf(deps, request), request.params.id, request.body.userId),
  });

  r.delete('/api/v1/incidents/:id/followers', {
    schema: {
      tags,
      summary: 'Stop following an incident (someone else: responder)',
      params: IncidentParams,
      querystring: FollowerSchema,
      response: { 200: FollowingSchema, ...privateErrors },
    },
    handler: async (request) => unfollowIncident(ctxOf(deps, request), request.params.id, request.query.userId),
  });

  r.put('/api/v1/incidents/:id/privacy', {
    schema: {
      tags,
      summary: 'Make a declared incident private or public (its owner, or an admin)',
      params: IncidentParams,
      body: z.strictObject({ private: z.boolean() }),
      response: { 200: z.object({ incidentId: z.uuid(), private: z.boolean() }), ...privateErrors },
    },
    handler: async (request) => setIncidentPrivate(ctxOf(deps, request), request.params.id, request.body.private),
  });

  r.get('/api/v1/settings/security-team', {
    schema: {
      tags,
      summary: 'The team whose members see every private incident (admin)',
      response: { 200: SecurityTeamSchema, ...privateErrors },
    },
    handler: async (request) => readSecurityTeam(ctxOf(deps, request)),
  });

  r.put('/api/v1/settings/security-team', {
    schema: {
      tags,
      summary: 'Name (or clear, with null) the team whose members see every private incident (admin)',
      body: SecurityTeamSchema,
      response: { 200: SecurityTeamSchema, ...privateErrors },
    },
    handler: async (request) => setSecurityTeam(ctxOf(deps, request), request.body.teamId),
  });

  r.get('/api/v1/incidents/:id/links', {
    schema: {
      tags,
      summary: 'List the incidents linked to this one (related, merged into or from), declared or not',
      params: IncidentParams,
      response: { 200: listOf(IncidentResponseSchema.shape.links.element), ...privateErrors },
    },
    handler: async (request) => ({ items: await listIncidentLinks(ctxOf(deps, request), request.params.id) }),
  });

  r.post('/api/v1/incidents/:id/links', {
    schema: {
      tags,
      summary: 'Link a related incident (responder)',
      params: IncidentParams,
      body: LinkSchema,
      response: incidentAnswer,
    },
    handler: async (request) => linkIncidents(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/incidents/:id/links/:otherId', {
    schema: { tags, summary: 'Unlink a related incident (responder)', params: LinkParams, response: incidentAnswer },
    handler: async (request) => unlinkIncidents(ctxOf(deps, request), request.params.id, request.params.otherId),
  });

  r.post('/api/v1/incidents/:id/merge', {
    schema: {
      tags,
      summary:
        'Merge into another incident: alerts and timeline follow, this one resolves; answers with the other (responder)',
      params: IncidentParams,
      body: MergeSchema,
      response: incidentAnswer,
    },
    handler: async (request) => mergeIncident(ctxOf(deps, request), request.params.id, request.body),
  });

  r.post('/api/v1/incidents/:id/checklist', {
    schema: {
      tags,
      summary: 'Tick or untick a start checklist item Tocsin cannot know itself (responder)',
      params: IncidentParams,
      body: ChecklistSchema,
      response: { 200: IncidentResponseSchema, ...privateErrors },
    },
    handler: async (request) => tickChecklist(ctxOf(deps, request), request.params.id, request.body),
  });

  // The organisation's definitions.
  r.get('/api/v1/severities', {
    schema: {
      tags,
      summary: 'List the severity definitions and their response settings',
      response: { 200: listOf(SeveritySchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listSeverities(ctxOf(deps, request)) }),
  });

  r.patch('/api/v1/severities/:key', {
    schema: {
      tags,
      summary: 'Change a severity definition or its settings (admin)',
      params: SeverityParams,
      body: UpdateSeveritySchema,
      response: { 200: SeveritySchema, ...privateErrors },
    },
    handler: async (request) => updateSeverity(ctxOf(deps, request), request.params.key, request.body),
  });

  r.get('/api/v1/incident-categories', {
    schema: { tags, summary: 'List incident categories', response: { 200: listOf(CategorySchema), ...privateErrors } },
    handler: async (request) => ({ items: await listCategories(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/incident-categories', {
    schema: {
      tags,
      summary: 'Add a category (admin)',
      body: CreateCategorySchema,
      response: { 201: CategorySchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createCategory(ctxOf(deps, request), request.body)),
  });

  r.delete('/api/v1/incident-categories/:slug', {
    schema: {
      tags,
      summary: 'Remove a custom category no incident uses (admin)',
      params: SlugParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await removeCategory(ctxOf(deps, request), request.params.slug);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/incident-roles', {
    schema: {
      tags,
      summary: 'List incident roles, owning ones first by rank',
      response: { 200: listOf(ResponseRoleSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listRoles(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/incident-roles', {
    schema: {
      tags,
      summary: 'Add a role (admin)',
      body: CreateRoleSchema,
      response: { 201: ResponseRoleSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createRole(ctxOf(deps, request), request.body)),
  });

  r.patch('/api/v1/incident-roles/:slug', {
    schema: {
      tags,
      summary: 'Change a role: name, alias, description, schedule; rank for custom roles (admin)',
      params: SlugParams,
      body: UpdateRoleSchema,
      response: { 200: ResponseRoleSchema, ...privateErrors },
    },
    handler: async (request) => updateRole(ctxOf(deps, request), request.params.slug, request.body),
  });

  r.delete('/api/v1/incident-roles/:slug', {
    schema: {
      tags,
      summary: 'Remove a custom role nobody ever held (admin)',
      params: SlugParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteRole(ctxOf(deps, request), request.params.slug);
      return reply.status(204).send(null);
    },
  });
}
