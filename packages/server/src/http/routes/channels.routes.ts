/** Chat channels: where incident notices go (Slack, Teams, webhooks). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChannelSchema,
  createChannel,
  CreateChannelSchema,
  deleteChannel,
  getChannel,
  listChannels,
  updateChannel,
  UpdateChannelSchema,
} from '../../modules/channels/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

export function registerChannelRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/channels', {
    schema: {
      tags: ['channels'],
      summary: 'List chat channels (webhook URLs in full for admins only)',
      response: { 200: listOf(ChannelSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listChannels(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/channels', {
    schema: {
      tags: ['channels'],
      summary: 'Create a chat channel (admin)',
      body: CreateChannelSchema,
      response: { 201: ChannelSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createChannel(ctxOf(deps, request), request.body)),
  });

  r.get('/api/v1/channels/:id', {
    schema: {
      tags: ['channels'],
      summary: 'Read a chat channel by id or name',
      params: IdParams,
      response: { 200: ChannelSchema, ...privateErrors },
    },
    handler: async (request) => getChannel(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/channels/:id', {
    schema: {
      tags: ['channels'],
      summary: 'Update a chat channel (admin)',
      params: IdParams,
      body: UpdateChannelSchema,
      response: { 200: ChannelSchema, ...privateErrors },
    },
    handler: async (request) => updateChannel(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/channels/:id', {
    schema: {
      tags: ['channels'],
      summary: 'Delete a chat channel (admin); refused while a service or policy uses it',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteChannel(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
