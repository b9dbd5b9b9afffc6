/** Outbound webhooks (admin): subscriptions to incident events, their signing secrets, their delivery logs. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWebhook,
  CreateWebhookSchema,
  deleteWebhook,
  DeliveryParams,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhook,
  UpdateWebhookSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliveryQuerySchema,
  WebhookDeliverySchema,
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
  type WebhooksDeps,
} from '../../modules/webhooks/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

export function registerWebhookRoutes(app: FastifyInstance, deps: HttpDeps, webhooks: WebhooksDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['webhooks'];

  r.get('/api/v1/webhooks', {
    schema: {
      tags,
      summary: 'List webhook subscriptions (admin)',
      response: { 200: listOf(WebhookSubscriptionSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listWebhooks(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/webhooks', {
    schema: {
      tags,
      summary: 'Subscribe a URL to incident events (admin); the answer shows the signing secret, once',
      body: CreateWebhookSchema,
      response: { 201: WebhookSubscriptionWithSecretSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createWebhook(ctxOf(deps, request), webhooks, request.body)),
  });

  r.get('/api/v1/webhooks/:id', {
    schema: {
      tags,
      summary: 'Read a webhook subscription (admin)',
      params: IdParams,
      response: { 200: WebhookSubscriptionSchema, ...privateErrors },
    },
    handler: async (request) => getWebhook(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/webhooks/:id', {
    schema: {
      tags,
      summary: 'Change a webhook subscription (admin)',
      params: IdParams,
      body: UpdateWebhookSchema,
      response: { 200: WebhookSubscriptionSchema, ...privateErrors },
    },
    handler: async (request) => updateWebhook(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/webhooks/:id', {
    schema: {
      tags,
      summary: 'Delete a webhook subscription and its delivery log (admin)',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteWebhook(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/v1/webhooks/:id/rotate-secret', {
    schema: {
      tags,
      summary: 'Replace the signing secret (admin); the answer shows the new one, once, and the old one stops signing',
      params: IdParams,
      response: { 200: WebhookSubscriptionWithSecretSchema, ...privateErrors },
    },
    handler: async (request) => rotateWebhookSecret(ctxOf(deps, request), webhooks, request.params.id),
  });

  r.get('/api/v1/webhooks/:id/deliveries', {
    schema: {
      tags,
      summary: "A subscription's delivery log, newest first (admin)",
      params: IdParams,
      querystring: WebhookDeliveryQuerySchema,
      response: { 200: WebhookDeliveryPageSchema, ...privateErrors },
    },
    handler: async (request) => listWebhookDeliveries(ctxOf(deps, request), request.params.id, request.query),
  });

  r.post('/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver', {
    schema: {
      tags,
      summary: "Send a delivery's event again, with the same event id (admin)",
      params: DeliveryParams,
      response: { 202: WebhookDeliverySchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply
        .status(202)
        .send(await redeliverWebhook(ctxOf(deps, request), request.params.id, request.params.deliveryId)),
  });
}
