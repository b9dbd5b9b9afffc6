/**
 * The catalogue of ingest sources and where each integration key type
 * receives its events, for routes, error messages and "copy this URL" hints.
 */
import type { IntegrationType } from '../../db/schema.js';
import { alertmanagerSource } from './alertmanager.adapter.js';
import { datadogSource } from './datadog.adapter.js';
import { grafanaSource } from './grafana.adapter.js';
import { integrationEndpoints } from './integration-endpoints.js';
import type { HttpSourceName, IngestSource } from './ingest.types.js';
import { eventsV1Source, eventsV2Source } from './pagerduty.adapter.js';
import { webhookSource } from './webhook.adapter.js';

export const INGEST_SOURCES: Record<HttpSourceName, IngestSource> = {
  events_v2: eventsV2Source,
  events_v1: eventsV1Source,
  alertmanager: alertmanagerSource,
  grafana: grafanaSource,
  datadog: datadogSource,
  webhook: webhookSource,
};

/**
 * Where a key of `type` takes its events, in words a sender can act on (the
 * integration key's endpoints, made from INGEST_PATHS).
 */
export function ingestAddressFor(
  type: IntegrationType,
  routingKey: string,
  where: { publicUrl: string; emailDomain?: string | undefined },
): string {
  if (type === 'email' && !where.emailDomain)
    return 'email (but the inbound SMTP listener is not enabled on this server)';
  const endpoints = integrationEndpoints(type, routingKey, {
    publicUrl: where.publicUrl,
    inboundEmailDomain: where.emailDomain ?? '',
  });
  return endpoints
    .map((e) =>
      e.kind === 'email' ? `email to ${e.value}` : `${type === 'heartbeat' ? 'GET or POST' : 'POST'} ${e.value}`,
    )
    .join(' or ');
}
