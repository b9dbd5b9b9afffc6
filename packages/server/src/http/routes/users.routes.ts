/** Users: list, read, create, update. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUser,
  CreateUserSchema,
  getUser,
  listUsers,
  updateUser,
  UpdateUserSchema,
  UserSchema,
} from '../../modules/users/index.js';
import { destroyUserSessions } from '../../modules/auth/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

export function registerUserRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/users', {
    schema: {
      tags: ['users'],
      summary: 'List users',
      querystring: z.strictObject({ includeDisabled: z.enum(['true', 'false']).optional() }),
      response: { 200: listOf(UserSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listUsers(ctxOf(deps, request), { includeDisabled: request.query.includeDisabled === 'true' }),
    }),
  });

  r.post('/api/v1/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user (admin)',
      body: CreateUserSchema,
      response: { 201: UserSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createUser(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Read a user',
      params: IdParams,
      response: { 200: UserSchema, ...privateErrors },
    },
    handler: async (request) => getUser(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Update a user (yourself, or anyone as admin)',
      params: IdParams,
      body: UpdateUserSchema,
      response: { 200: UserSchema, ...privateErrors },
    },
    handler: async (request) => {
      const user = await updateUser(ctxOf(deps, request), request.params.id, request.body);
      // A new password, or a disabled account, ends every other session of that user.
      if (request.body.password || request.body.isDisabled) await destroyUserSessions(deps, user.id, request.sessionId);
      return user;
    },
  });
}
