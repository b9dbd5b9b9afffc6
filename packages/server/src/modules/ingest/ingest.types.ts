/** Shapes shared by the ingest adapters and the edge that runs them. */
import type { IntegrationType } from '../../db/schema.js';
import type { InboundEvent } from '../alerts/index.js';

export type ParseResult = { ok: true; events: InboundEvent[] } | { ok: false; errors: string[] };

/** What an adapter may know besides the payload: the key's settings and how to make a fresh dedup key. */
export interface AdapterContext {
  settings: Record<string, unknown>;
  newDedupKey(): string;
}

/** The HTTP sources; email and heartbeats have their own entry points. */
export type HttpSourceName = 'events_v2' | 'events_v1' | 'alertmanager' | 'grafana' | 'datadog' | 'webhook';

export interface IngestSource {
  name: HttpSourceName;
  /** The integration key type this source accepts. */
  keyType: IntegrationType;
  /** Sources that carry the routing key in the body (PagerDuty) say where. */
  routingKeyOf?(body: unknown): { ok: true; routingKey: string } | { ok: false; errors: string[] };
  /** Pure: the vendor's payload to events, or the list of what is wrong with it. */
  parse(body: unknown, ctx: AdapterContext): ParseResult;
}

/** What happened to a delivery; the edge (HTTP or SMTP) turns it into the vendor's answer. */
export type IngestOutcome =
  | { kind: 'accepted'; events: InboundEvent[] }
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'unknown_key'; routingKey: string }
  | { kind: 'wrong_type'; routingKey: string; keyType: IntegrationType; expected: IntegrationType }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'unavailable'; error: unknown };

/** An integration key found by its routing key, with the service it feeds. */
export interface RoutedKey {
  key: { id: string; type: IntegrationType; name: string; settings: Record<string, unknown>; serviceId: string };
  service: { id: string; slug: string; name: string; isDisabled: boolean };
}
