/**
 * The addresses a sender uses for an integration key: the URLs to paste into
 * PagerDuty-speaking tools, Alertmanager, Grafana, Datadog, a webhook or a
 * cron job, and the address to send mail to. The paths come from
 * INGEST_PATHS, the list the routes serve. Pure.
 */
import type { IntegrationType } from '../../db/schema.js';
import { ingestPathFor } from './ingest-paths.js';
import type { Endpoint, IntegrationKey, IntegrationKeyRecord } from './integration-keys.schema.js';

export interface Addressing {
  /** Where senders reach Tocsin, e.g. https://tocsin.example.com (no trailing slash). */
  publicUrl: string;
  /** The domain the inbound-email listener accepts mail for. */
  inboundEmailDomain: string;
}

export function integrationEndpoints(type: IntegrationType, routingKey: string, addressing: Addressing): Endpoint[] {
  const base = addressing.publicUrl.replace(/\/+$/, '');
  const url = (label: string, path: string): Endpoint => ({ label, kind: 'url', value: `${base}${path}` });
  switch (type) {
    case 'events_v2':
      return [
        url('Events API v2 (put the routing key in the body as "routing_key")', ingestPathFor('events_v2', routingKey)),
        url('Events API v1 (put the routing key in the body as "service_key")', ingestPathFor('events_v1', routingKey)),
      ];
    case 'alertmanager':
      return [url('Alertmanager webhook_configs url', ingestPathFor('alertmanager', routingKey))];
    case 'grafana':
      return [url('Grafana webhook contact point URL', ingestPathFor('grafana', routingKey))];
    case 'datadog':
      return [url('Datadog webhook URL', ingestPathFor('datadog', routingKey))];
    case 'webhook':
      return [url('Webhook URL (POST JSON)', ingestPathFor('webhook', routingKey))];
    case 'email':
      return [{ label: 'Send alert mail to', kind: 'email', value: `${routingKey}@${addressing.inboundEmailDomain}` }];
    case 'heartbeat':
      return [url('Heartbeat URL (ping it more often than the interval)', ingestPathFor('heartbeat', routingKey))];
  }
}

export const withEndpoints = (key: IntegrationKeyRecord, addressing: Addressing): IntegrationKey => ({
  ...key,
  endpoints: integrationEndpoints(key.type, key.routingKey, addressing),
});
