/** API tokens: create (shown once), list, revoke. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiTokenSchema,
  createApiToken,
  CreateApiTokenSchema,
  CreatedApiTokenSchema,
  listApiTokens,
  revokeApiToken,
} from '../../modules/auth/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

export function registerTokenRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: "List your API tokens (or everyone's, as admin, with all=true)",
      querystring: z.strictObject({ all: z.enum(['true', 'false']).optional() }),
      response: { 200: listOf(ApiTokenSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listApiTokens(ctxOf(deps, request), { all: request.query.all === 'true' }),
    }),
  });

  r.post('/api/v1/tokens', {
    schema: {
      tags: ['tokens'],
      summary: 'Create an API token; the secret is in this response only',
      body: CreateApiTokenSchema,
      response: { 201: CreatedApiTokenSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createApiToken(ctxOf(deps, request), request.body)),
  });

  r.delete('/api/v1/tokens/:id', {
    schema: {
      tags: ['tokens'],
      summary: 'Revoke an API token',
      params: IdParams,
      response: { 200: ApiTokenSchema, ...privateErrors },
    },
    handler: async (request) => revokeApiToken(ctxOf(deps, request), request.params.id),
  });
}
