/**
 * Notify's API: a person's contact methods (with verification and test
 * messages) and notification rules, what was sent, the vCard of Tocsin's own
 * numbers and addresses, the key browsers subscribe to push with, and the
 * signing secret of webhook channels.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ContactMethodSchema,
  createContactMethod,
  createRule,
  CreateContactMethodSchema,
  CreateRuleSchema,
  deleteContactMethod,
  deleteRule,
  getChannelSigningSecret,
  getContactMethod,
  getNotifyVCard,
  getPushPublicKey,
  listContactMethods,
  listNotifications,
  listRules,
  NotificationQuerySchema,
  NotificationRuleSchema,
  NotificationSchema,
  QueuedNotificationSchema,
  resendVerification,
  sendTestNotification,
  updateContactMethod,
  updateRule,
  UpdateContactMethodSchema,
  UpdateRuleSchema,
  verifyContactMethod,
  VerifyContactMethodSchema,
  type NotifyDeps,
} from '../../modules/notify/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { ErrorSchema, IdParams, listOf, privateErrors } from './shared.js';

const MethodParams = z.strictObject({ id: z.string().min(1).max(200), methodId: z.string().min(1).max(200) });
const RuleParams = z.strictObject({ id: z.string().min(1).max(200), ruleId: z.string().min(1).max(200) });
const rateLimited = { 429: ErrorSchema };

export function registerNotifyRoutes(app: FastifyInstance, http: HttpDeps, deps: NotifyDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notify'];

  r.get('/api/v1/users/:id/contact-methods', {
    schema: {
      tags,
      summary: "List a person's contact methods (yours, or anyone's as admin)",
      params: IdParams,
      response: { 200: listOf(ContactMethodSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listContactMethods(ctxOf(http, request), deps, request.params.id) }),
  });

  r.post('/api/v1/users/:id/contact-methods', {
    schema: {
      tags,
      summary: 'Add a contact method; Tocsin sends a 6-digit code through it, valid for 10 minutes',
      params: IdParams,
      body: CreateContactMethodSchema,
      response: { 201: ContactMethodSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createContactMethod(ctxOf(http, request), deps, request.params.id, request.body)),
  });

  r.get('/api/v1/users/:id/contact-methods/:methodId', {
    schema: {
      tags,
      summary: 'Read a contact method',
      params: MethodParams,
      response: { 200: ContactMethodSchema, ...privateErrors },
    },
    handler: async (request) =>
      getContactMethod(ctxOf(http, request), deps, request.params.id, request.params.methodId),
  });

  r.patch('/api/v1/users/:id/contact-methods/:methodId', {
    schema: {
      tags,
      summary: 'Rename, disable or enable a contact method',
      params: MethodParams,
      body: UpdateContactMethodSchema,
      response: { 200: ContactMethodSchema, ...privateErrors },
    },
    handler: async (request) =>
      updateContactMethod(ctxOf(http, request), deps, request.params.id, request.params.methodId, request.body),
  });

  r.delete('/api/v1/users/:id/contact-methods/:methodId', {
    schema: {
      tags,
      summary: 'Delete a contact method and its rules',
      params: MethodParams,
      response: { 200: ContactMethodSchema, ...privateErrors },
    },
    handler: async (request) =>
      deleteContactMethod(ctxOf(http, request), deps, request.params.id, request.params.methodId),
  });

  r.post('/api/v1/users/:id/contact-methods/:methodId/verify', {
    schema: {
      tags,
      summary: 'Verify a contact method with the code it received (5 attempts per code)',
      params: MethodParams,
      body: VerifyContactMethodSchema,
      response: { 200: ContactMethodSchema, ...privateErrors, ...rateLimited },
    },
    handler: async (request) =>
      verifyContactMethod(ctxOf(http, request), deps, request.params.id, request.params.methodId, request.body.code),
  });

  r.post('/api/v1/users/:id/contact-methods/:methodId/resend', {
    schema: {
      tags,
      summary: 'Send a new verification code (at most once a minute)',
      params: MethodParams,
      response: { 200: ContactMethodSchema, ...privateErrors, ...rateLimited },
    },
    handler: async (request) =>
      resendVerification(ctxOf(http, request), deps, request.params.id, request.params.methodId),
  });

  r.post('/api/v1/users/:id/contact-methods/:methodId/test', {
    schema: {
      tags,
      summary: 'Send a test notification to a verified contact method',
      params: MethodParams,
      response: { 202: QueuedNotificationSchema, ...privateErrors, ...rateLimited },
    },
    handler: async (request, reply) =>
      reply
        .status(202)
        .send(await sendTestNotification(ctxOf(http, request), request.params.id, request.params.methodId)),
  });

  r.get('/api/v1/users/:id/notification-rules', {
    schema: {
      tags,
      summary: "List a person's notification rules",
      params: IdParams,
      response: { 200: listOf(NotificationRuleSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listRules(ctxOf(http, request), request.params.id) }),
  });

  r.post('/api/v1/users/:id/notification-rules', {
    schema: {
      tags,
      summary: 'Add a rule: which verified method, for which urgency, after how many minutes',
      params: IdParams,
      body: CreateRuleSchema,
      response: { 201: NotificationRuleSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createRule(ctxOf(http, request), request.params.id, request.body)),
  });

  r.patch('/api/v1/users/:id/notification-rules/:ruleId', {
    schema: {
      tags,
      summary: "Change a rule's urgency or delay",
      params: RuleParams,
      body: UpdateRuleSchema,
      response: { 200: NotificationRuleSchema, ...privateErrors },
    },
    handler: async (request) =>
      updateRule(ctxOf(http, request), request.params.id, request.params.ruleId, request.body),
  });

  r.delete('/api/v1/users/:id/notification-rules/:ruleId', {
    schema: {
      tags,
      summary: 'Delete a rule',
      params: RuleParams,
      response: { 200: NotificationRuleSchema, ...privateErrors },
    },
    handler: async (request) => deleteRule(ctxOf(http, request), request.params.id, request.params.ruleId),
  });

  r.get('/api/v1/notifications', {
    schema: {
      tags,
      summary:
        "Messages Tocsin sent or decided not to send: an incident's (incidentId), a person's (userId), or all (admin)",
      querystring: NotificationQuerySchema,
      response: { 200: listOf(NotificationSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listNotifications(ctxOf(http, request), request.query) }),
  });

  r.get('/api/v1/notify/vcard', {
    schema: {
      tags,
      summary: 'A vCard (RFC 6350) of the numbers and addresses Tocsin pages from, to allow-list them',
      produces: ['text/vcard'],
    },
    handler: async (request, reply) => {
      const card = getNotifyVCard(ctxOf(http, request), deps);
      return reply
        .header('content-type', 'text/vcard; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tocsin.vcf"')
        .send(card);
    },
  });

  r.get('/api/v1/notify/push-key', {
    schema: {
      tags,
      summary:
        "The key a browser subscribes to push notifications with (VAPID public key, base64url: PushManager.subscribe's applicationServerKey)",
      response: { 200: z.object({ publicKey: z.string() }), ...privateErrors },
    },
    handler: async (request) => getPushPublicKey(ctxOf(http, request), deps),
  });

  r.get('/api/v1/notify/channels/:id/signing-secret', {
    schema: {
      tags,
      summary: "The key a webhook channel's receiver verifies X-Tocsin-Signature with (admin)",
      params: IdParams,
      response: { 200: z.object({ channelId: z.uuid(), signingSecret: z.string() }), ...privateErrors },
    },
    handler: async (request) => getChannelSigningSecret(ctxOf(http, request), deps, request.params.id),
  });
}
