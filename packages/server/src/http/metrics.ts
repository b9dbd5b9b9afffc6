/** Prometheus metrics of this process, one registry per app instance. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  engineJobs: Counter<'kind' | 'outcome'>;
}

export function createMetrics(options: { collectProcessMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.collectProcessMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'tocsin_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'tocsin_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    engineJobs: new Counter({
      name: 'tocsin_engine_jobs_total',
      help: 'Engine jobs run, by kind and outcome (done, retry, failed)',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
  };
}
