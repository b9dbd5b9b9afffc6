/** SLA analytics (docs/analytics.md): targets, the summary, per-incident figures and the monthly report. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IncidentFiguresQuerySchema,
  IncidentFiguresSchema,
  listIncidentFigures,
  listSlaTargets,
  monthlyReport,
  reportCsv,
  ReportQuerySchema,
  ReportSchema,
  SlaTargetParams,
  SlaTargetSchema,
  summarizeIncidents,
  SummaryQuerySchema,
  SummarySchema,
  updateSlaTarget,
  UpdateSlaTargetSchema,
} from '../../modules/analytics/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

const tags = ['analytics'];

export function registerAnalyticsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/sla-targets', {
    schema: {
      tags,
      summary: 'The SLA targets per severity (declared incidents) and per urgency (paged-only incidents)',
      response: { 200: listOf(SlaTargetSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listSlaTargets(ctxOf(deps, request)) }),
  });

  r.patch('/api/v1/analytics/sla-targets/:scope/:key', {
    schema: {
      tags,
      summary: 'Change an SLA target (admin); incidents opened before keep theirs',
      params: SlaTargetParams,
      body: UpdateSlaTargetSchema,
      response: { 200: SlaTargetSchema, ...privateErrors },
    },
    handler: async (request) =>
      updateSlaTarget(ctxOf(deps, request), request.params.scope, request.params.key, request.body),
  });

  r.get('/api/v1/analytics/summary', {
    schema: {
      tags,
      summary: 'MTTA, MTTR, time to mitigate and compliance, grouped and filtered',
      querystring: SummaryQuerySchema,
      response: { 200: SummarySchema, ...privateErrors },
    },
    handler: async (request) => summarizeIncidents(ctxOf(deps, request), request.query),
  });

  r.get('/api/v1/analytics/incidents', {
    schema: {
      tags,
      summary: 'Each incident with its clocks, targets and breaches (the drill-down of any figure)',
      querystring: IncidentFiguresQuerySchema,
      response: { 200: listOf(IncidentFiguresSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listIncidentFigures(ctxOf(deps, request), request.query) }),
  });

  r.get('/api/v1/analytics/report', {
    schema: {
      tags,
      summary: "A team's monthly report: overall, by severity and service, and every breach",
      querystring: ReportQuerySchema,
      response: { 200: ReportSchema, ...privateErrors },
    },
    handler: async (request) => monthlyReport(ctxOf(deps, request), request.query),
  });

  r.get('/api/v1/analytics/report.csv', {
    schema: {
      tags,
      summary: 'The monthly report as CSV',
      querystring: ReportQuerySchema,
      produces: ['text/csv'],
      response: { 200: z.string().describe('text/csv'), ...privateErrors },
    },
    handler: async (request, reply) => {
      const report = await monthlyReport(ctxOf(deps, request), request.query);
      const name = `tocsin-report-${report.team?.slug ?? 'all'}-${report.month}.csv`;
      reply.serializer((payload: unknown) => payload as string);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportCsv(report));
    },
  });
}
