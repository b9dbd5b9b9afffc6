/**
 * Where each ingest source takes its events: the one list the HTTP routes
 * serve and the "copy this URL" endpoints of integration keys are made from.
 * `:routingKey` stands for the key. Pure.
 */
export const INGEST_PATHS = {
  events_v2: '/v2/enqueue',
  events_v1: '/generic/2010-04-15/create_event.json',
  alertmanager: '/api/v1/ingest/alertmanager/:routingKey',
  grafana: '/api/v1/ingest/grafana/:routingKey',
  datadog: '/api/v1/ingest/datadog/:routingKey',
  webhook: '/api/v1/ingest/webhook/:routingKey',
  heartbeat: '/api/v1/heartbeat/:routingKey',
} as const;

export type IngestPathName = keyof typeof INGEST_PATHS;

/** The path of `name` for one routing key. */
export const ingestPathFor = (name: IngestPathName, routingKey: string): string =>
  INGEST_PATHS[name].replace(':routingKey', routingKey);
