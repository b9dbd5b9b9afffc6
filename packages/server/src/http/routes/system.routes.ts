/** Liveness, readiness and metrics: public, for load balancers and Prometheus. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationStatus } from '../../db/migrate.js';
import type { HttpDeps } from '../context.js';

const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.object({ ok: z.boolean(), message: z.string() }),
    migrations: z.object({ ok: z.boolean(), message: z.string() }),
  }),
});

export function registerSystemRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/healthz', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  r.get('/readyz', {
    config: { public: true },
    schema: {
      tags: ['system'],
      summary: 'Readiness: the database answers and its migrations are current',
      response: { 200: ReadySchema, 503: ReadySchema },
    },
    handler: async (_request, reply) => {
      const checks = {
        database: { ok: false, message: 'not checked' },
        migrations: { ok: false, message: 'not checked' },
      };
      try {
        await deps.pool.query('SELECT 1');
        checks.database = { ok: true, message: 'reachable' };
        const status = await migrationStatus(deps.pool);
        checks.migrations =
          status.pending.length === 0
            ? { ok: true, message: `at migration ${Math.max(0, ...status.applied)}` }
            : { ok: false, message: `${status.pending.length} migration(s) pending: run "tocsin migrate"` };
      } catch (error) {
        checks.database = { ok: false, message: `unreachable: ${(error as Error).message}` };
      }
      const ok = checks.database.ok && checks.migrations.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
    },
  });

  r.get('/metrics', {
    config: { public: true },
    schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)', produces: ['text/plain'] },
    handler: async (_request, reply) => {
      reply.header('content-type', deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  });
}
