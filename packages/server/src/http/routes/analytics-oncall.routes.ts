/** On-call health (docs/analytics.md "On-call health"): interruptions, nights and weekends on call, noisiest alerts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { onCallHealth, OnCallHealthQuerySchema, OnCallHealthSchema } from '../../modules/analytics/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { privateErrors } from './shared.js';

export function registerAnalyticsOnCallRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/analytics/oncall', {
    schema: {
      tags: ['analytics'],
      summary:
        'On-call health: interruptions per person in business, off and sleep hours of their own time zone, nights and weekends on call, the noisiest alerts',
      querystring: OnCallHealthQuerySchema,
      response: { 200: OnCallHealthSchema, ...privateErrors },
    },
    handler: async (request) => onCallHealth(ctxOf(deps, request), request.query),
  });
}
