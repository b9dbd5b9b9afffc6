/** The audit log, for admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntrySchema, AuditQuerySchema, listAudit } from '../../modules/audit/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { listOf, privateErrors } from './shared.js';

export function registerAuditRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Read the audit log, newest first (admin)',
      querystring: AuditQuerySchema,
      response: { 200: listOf(AuditEntrySchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listAudit(ctxOf(deps, request), request.query) }),
  });
}
