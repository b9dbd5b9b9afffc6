/**
 * Ingest: the edge where alerts come in. One adapter per source (PagerDuty
 * Events API v2 and v1, Alertmanager, Grafana, Datadog, a generic JSON
 * webhook, inbound email) turns the vendor's payload into InboundEvents;
 * the ingest edge finds the integration key, rate-limits it and stores the
 * events with alerts.acceptEvents. Heartbeat monitors live here too: a ping
 * and the missed-ping check. It owns the addresses alerts arrive at: the
 * integration_keys and heartbeats tables, and the one list of ingest paths
 * (INGEST_PATHS) that both the routes and the keys' endpoints are made from.
 * It never decides what an event means for an alert or an incident: that is
 * the alerts module's job. A service's integration keys in config as code are
 * integration-keys.config.ts, the part the services kind is built with.
 */
export {
  createIngestEdge,
  newDedupKey,
  type IngestEdge,
  type IngestEdgeOptions,
  type PingOutcome,
  type RouteResult,
} from './ingest.service.js';
export { keyChangesOf, listenForKeyChanges, type KeyChanges } from './routing-cache.js';
export { INGEST_SOURCES, ingestAddressFor } from './sources.js';
export { INGEST_PATHS, ingestPathFor, type IngestPathName } from './ingest-paths.js';
export {
  listIntegrationKeys,
  createIntegrationKey,
  updateIntegrationKey,
  rotateIntegrationKey,
  deleteIntegrationKey,
} from './integration-keys.service.js';
export { integrationEndpoints, withEndpoints, type Addressing } from './integration-endpoints.js';
export {
  IntegrationKeySchema,
  CreateIntegrationKeySchema,
  UpdateIntegrationKeySchema,
  IntegrationTypeSchema,
  KeyNameSchema,
  SETTINGS_SCHEMAS,
  DEFAULT_KEY_NAMES,
  INTEGRATION_TYPES,
} from './integration-keys.schema.js';
export type {
  IntegrationKey,
  IntegrationKeyRecord,
  CreateIntegrationKeyInput,
  UpdateIntegrationKeyInput,
  Endpoint,
} from './integration-keys.schema.js';
export { startInboundEmail, type InboundEmailListener, type InboundEmailOptions } from './email.listener.js';
export { createHeartbeatReconciler, type HeartbeatReconciler } from './heartbeat.reconciler.js';
export { HEARTBEAT_DEDUP_KEY } from './heartbeat.ping.js';
export { eventsV2ToInbound } from './pagerduty.adapter.js';
export { DATADOG_WEBHOOK_TEMPLATE, DatadogBodySchema } from './datadog.adapter.js';
export { AlertmanagerBodySchema } from './alertmanager.adapter.js';
export { GrafanaBodySchema } from './grafana.adapter.js';
export { DEFAULT_WEBHOOK_MAPPING, WebhookMappingSchema, type WebhookMapping } from './webhook.adapter.js';
export { EmailSettingsSchema, RESOLVE_SUBJECT, type EmailSettings } from './email.adapter.js';
export {
  EventsV1BodySchema,
  EventsV2BodySchema,
  PdAcceptedSchema,
  PdErrorSchema,
  PdV1AcceptedSchema,
} from './pagerduty.schema.js';
export type { HttpSourceName, IngestOutcome, IngestSource, ParseResult, RoutedKey } from './ingest.types.js';
export { integrationKeysConfig } from './integration-keys.config.js';
