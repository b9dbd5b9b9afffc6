/**
 * The addresses a sender uses for an integration key: the URLs to paste into
 * PagerDuty-speaking tools, Alertmanager, Grafana, Datadog, a webhook or a
 * cron job, and the address to send mail to. The ingest adapters serve
 * exactly these paths; change them together. Pure.
 */
import type { IntegrationType } from '../../db/schema.js';
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
        url('Events API v2 (put the routing key in the body as "routing_key")', '/v2/enqueue'),
        url('Events API v1 (put the routing key in the body as "service_key")', '/generic/2010-04-15/create_event.json'),
      ];
    case 'alertmanager':
      return [url('Alertmanager webhook_configs url', `/api/v1/ingest/alertmanager/${routingKey}`)];
    case 'grafana':
      return [url('Grafana webhook contact point URL', `/api/v1/ingest/grafana/${routingKey}`)];
    case 'datadog':
      return [url('Datadog webhook URL', `/api/v1/ingest/datadog/${routingKey}`)];
    case 'webhook':
      return [url('Webhook URL (POST JSON)', `/api/v1/ingest/webhook/${routingKey}`)];
    case 'email':
      return [{ label: 'Send alert mail to', kind: 'email', value: `${routingKey}@${addressing.inboundEmailDomain}` }];
    case 'heartbeat':
      return [url('Heartbeat URL (ping it more often than the interval)', `/api/v1/heartbeat/${routingKey}`)];
  }
}

export const withEndpoints = (key: IntegrationKeyRecord, addressing: Addressing): IntegrationKey => ({
  ...key,
  endpoints: integrationEndpoints(key.type, key.routingKey, addressing),
});
