/** Teams and their members. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTeam,
  CreateTeamSchema,
  deleteTeam,
  getTeam,
  listTeams,
  removeMembership,
  setMembership,
  SetMembershipSchema,
  TeamSchema,
  updateTeam,
  UpdateTeamSchema,
} from '../../modules/teams/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

const MemberParams = z.strictObject({ id: z.string().min(1).max(200), userId: z.uuid() });

export function registerTeamRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/teams', {
    schema: {
      tags: ['teams'],
      summary: 'List teams with their members',
      response: { 200: listOf(TeamSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listTeams(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/teams', {
    schema: {
      tags: ['teams'],
      summary: 'Create a team (admin)',
      body: CreateTeamSchema,
      response: { 201: TeamSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createTeam(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/teams/:id', {
    schema: {
      tags: ['teams'],
      summary: 'Read a team by id or slug',
      params: IdParams,
      response: { 200: TeamSchema, ...privateErrors },
    },
    handler: async (request) => getTeam(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/teams/:id', {
    schema: {
      tags: ['teams'],
      summary: 'Update a team (admin)',
      params: IdParams,
      body: UpdateTeamSchema,
      response: { 200: TeamSchema, ...privateErrors },
    },
    handler: async (request) => updateTeam(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/teams/:id', {
    schema: {
      tags: ['teams'],
      summary: 'Delete a team (admin)',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteTeam(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.put('/api/v1/teams/:id/members/:userId', {
    schema: {
      tags: ['teams'],
      summary: 'Add a member or change their team role (admin)',
      params: MemberParams,
      body: SetMembershipSchema,
      response: { 200: TeamSchema, ...privateErrors },
    },
    handler: async (request) =>
      setMembership(ctxOf(deps, request), request.params.id, request.params.userId, request.body.role),
  });

  r.delete('/api/v1/teams/:id/members/:userId', {
    schema: {
      tags: ['teams'],
      summary: 'Remove a member (admin)',
      params: MemberParams,
      response: { 200: TeamSchema, ...privateErrors },
    },
    handler: async (request) => removeMembership(ctxOf(deps, request), request.params.id, request.params.userId),
  });
}
