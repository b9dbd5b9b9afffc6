/** SLA analytics (docs/analytics.md): targets, the summary, per-incident figures and the monthly report. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createShareLink,
  CreatedShareLinkSchema,
  CreateShareLinkSchema,
  listShareLinks,
  openSharedReport,
  revokeShareLink,
  SharedReportSchema,
  ShareLinkSchema,
  ShareTokenParams,
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
  renderReportPdf,
  reportFileName,
  reportHtml,
  viewOfReport,
  viewOfShared,
} from '../../modules/analytics/index.js';
import { AppError } from '../../lib/errors.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { ErrorSchema, IdParams, listOf, privateErrors } from './shared.js';

const tags = ['analytics'];

export function registerAnalyticsRoutes(app: FastifyInstance, deps: HttpDeps, options: { publicUrl: string }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/share-links', {
    schema: {
      tags,
      summary: 'Read-only report links for people without an account (admin)',
      response: { 200: listOf(ShareLinkSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listShareLinks(ctxOf(deps, request)) }),
  });

  r.post('/api/v1/analytics/share-links', {
    schema: {
      tags,
      summary: 'Share a report read-only: teams, services, a month or the rolling last month; expiring (admin)',
      body: CreateShareLinkSchema,
      response: { 201: CreatedShareLinkSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createShareLink(ctxOf(deps, request), request.body, options.publicUrl)),
  });

  r.delete('/api/v1/analytics/share-links/:id', {
    schema: {
      tags,
      summary: 'Revoke a share link (admin): it stops working at once',
      params: IdParams,
      response: { 200: ShareLinkSchema, ...privateErrors },
    },
    handler: async (request) => revokeShareLink(ctxOf(deps, request), request.params.id),
  });

  r.get('/api/v1/shared/analytics/:token', {
    config: { public: true },
    schema: {
      tags,
      summary: 'The report behind a share link, for anyone holding it (no private incidents, no names)',
      params: ShareTokenParams,
      response: { 200: SharedReportSchema, 400: ErrorSchema, 404: ErrorSchema },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return openSharedReport(deps.db, deps.clock, request.params.token);
    },
  });

  // The same report as a page people open in a browser: server-rendered, no JavaScript, read on a phone.
  r.get('/shared/analytics/:token', {
    config: { public: true },
    schema: { hide: true, params: ShareTokenParams },
    handler: async (request, reply) => {
      const { token } = request.params;
      reply.header('cache-control', 'private, no-store');
      // The token is in the address; the server's referrer-policy (same-origin) keeps it from other sites.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      try {
        const shared = await openSharedReport(deps.db, deps.clock, token);
        return reply.type('text/html; charset=utf-8').send(
          reportHtml(viewOfShared(shared), {
            links: [{ label: 'The same report as JSON', url: `/api/v1/shared/analytics/${encodeURIComponent(token)}` }],
            footer:
              'A read-only report shared with you. Private incidents are never included' +
              (shared.breaches.some((b) => b.title) ? '.' : ', and incidents are listed by number only.'),
          }),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>No report here</title></head>' +
              '<body style="font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:640px;padding:16px"><h1>No report at this address</h1>' +
              '<p>The link was revoked, has expired, or is wrong. Ask whoever sent it for a new one.</p></body></html>',
          );
      }
    },
  });

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

  r.get('/api/v1/analytics/report.pdf', {
    schema: {
      tags,
      summary: 'The monthly report as PDF',
      querystring: ReportQuerySchema,
      produces: ['application/pdf'],
      response: { 200: z.string().meta({ format: 'binary' }).describe('application/pdf'), ...privateErrors },
    },
    handler: async (request, reply) => {
      const report = await monthlyReport(ctxOf(deps, request), request.query);
      const pdf = await renderReportPdf(viewOfReport(report));
      // A Buffer is sent as it is (Fastify serialises no Buffer); the schema's string is the OpenAPI's binary.
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(report, 'pdf')}"`)
        .send(pdf as unknown as string);
    },
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
      const name = reportFileName(report, 'csv');
      reply.serializer((payload: unknown) => payload as string);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportCsv(report));
    },
  });
}
