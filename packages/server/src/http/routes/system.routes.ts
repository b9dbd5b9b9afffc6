/** Liveness, readiness and metrics: public, for load balancers and Prometheus. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationStatus } from '../../db/migrate.js';
import type { HttpDeps } from '../context.js';

/** The longest /readyz waits for the database before it answers 503. */
const READY_CHECK_MS = 2_000;

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
    schema: {
      tags: ['system'],
      summary: 'Liveness: the process answers',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
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
      const check = (async () => {
        const client = await deps.pool.connect();
        try {
          await client.query('SELECT 1');
          checks.database = { ok: true, message: 'reachable' };
          const status = await migrationStatus(client);
          checks.migrations =
            status.pending.length === 0
              ? { ok: true, message: `at migration ${Math.max(0, ...status.applied)}` }
              : { ok: false, message: `${status.pending.length} migration(s) pending: run "tocsin migrate"` };
        } finally {
          client.release();
        }
      })();
      // A frozen database must not hold the probe: answer "not answering" when the check runs late.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), READY_CHECK_MS);
      });
      try {
        if ((await Promise.race([check, late])) === 'late') {
          check.catch(() => undefined);
          checks.database = { ok: false, message: `database not answering: no answer within ${READY_CHECK_MS} ms` };
        }
      } catch (error) {
        checks.database = { ok: false, message: `unreachable: ${(error as Error).message}` };
      } finally {
        clearTimeout(timer);
      }
      const ok = checks.database.ok && checks.migrations.ok;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks: structuredClone(checks) });
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
