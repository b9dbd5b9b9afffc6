/** Emailed monthly reports (docs/analytics.md): subscriptions that admins, or a team's managers, set up. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badRequest } from '../../lib/errors.js';
import {
  createReportSubscription,
  CreateReportSubscriptionSchema,
  deleteReportSubscription,
  listReportSubscriptions,
  ReportSubscriptionSchema,
  updateReportSubscription,
  UpdateReportSubscriptionSchema,
} from '../../modules/analytics/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

const tags = ['analytics'];

export function registerReportSubscriptionRoutes(
  app: FastifyInstance,
  deps: HttpDeps,
  options: { canEmail: boolean },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const requireEmail = () => {
    if (!options.canEmail) {
      throw badRequest('Email is not set up on this server: set TOCSIN_SMTP_URL and TOCSIN_EMAIL_FROM first.');
    }
  };

  r.get('/api/v1/analytics/report-subscriptions', {
    schema: {
      tags,
      summary: 'Monthly reports emailed on a schedule (admins: all; team managers: their teams)',
      response: { 200: listOf(ReportSubscriptionSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listReportSubscriptions(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/analytics/report-subscriptions', {
    schema: {
      tags,
      summary: "Email a team's monthly report on a day and time of each month to people and addresses",
      body: CreateReportSubscriptionSchema,
      response: { 201: ReportSubscriptionSchema, ...privateErrors },
    },
    handler: async (request, reply) => {
      requireEmail();
      return reply.status(201).send(await createReportSubscription(ctxOf(deps, request), request.body));
    },
  });

  r.patch('/api/v1/analytics/report-subscriptions/:id', {
    schema: {
      tags,
      summary: 'Change an emailed report: scope, schedule, recipients, or pause it',
      params: IdParams,
      body: UpdateReportSubscriptionSchema,
      response: { 200: ReportSubscriptionSchema, ...privateErrors },
    },
    handler: async (request) => updateReportSubscription(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/analytics/report-subscriptions/:id', {
    schema: {
      tags,
      summary: 'Stop an emailed report',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteReportSubscription(ctxOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
