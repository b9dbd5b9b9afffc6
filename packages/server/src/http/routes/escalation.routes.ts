/** Escalation policies: who is paged, in which order, after how long. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPolicy,
  CreatePolicySchema,
  deletePolicy,
  getPolicy,
  listPolicies,
  PolicySchema,
  updatePolicy,
  UpdatePolicySchema,
} from '../../modules/escalation/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

export function registerEscalationRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/escalation-policies', {
    schema: {
      tags: ['escalation'],
      summary: 'List escalation policies',
      response: { 200: listOf(PolicySchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listPolicies(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/escalation-policies', {
    schema: {
      tags: ['escalation'],
      summary: 'Create an escalation policy (admin)',
      description:
        'Levels 1 to 20, each waiting 1 to 1440 minutes and notifying 1 to 20 users, teams or chat channels.',
      body: CreatePolicySchema,
      response: { 201: PolicySchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createPolicy(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/escalation-policies/:id', {
    schema: {
      tags: ['escalation'],
      summary: 'Read an escalation policy by id or name',
      params: IdParams,
      response: { 200: PolicySchema, ...privateErrors },
    },
    handler: async (request) => getPolicy(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/escalation-policies/:id', {
    schema: {
      tags: ['escalation'],
      summary: 'Update an escalation policy (admin); running incidents keep the policy they started with',
      params: IdParams,
      body: UpdatePolicySchema,
      response: { 200: PolicySchema, ...privateErrors },
    },
    handler: async (request) => updatePolicy(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/escalation-policies/:id', {
    schema: {
      tags: ['escalation'],
      summary: 'Delete an escalation policy (admin); refused while a service uses it',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deletePolicy(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
