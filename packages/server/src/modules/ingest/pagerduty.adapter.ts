/**
 * PagerDuty's Events API, v2 (`/v2/enqueue`) and legacy v1
 * (`/generic/2010-04-15/create_event.json`), to inbound events. Same rules as
 * PagerDuty: a trigger needs a payload and gets a generated dedup key when it
 * has none; acknowledge and resolve need the dedup key and ignore the rest.
 */
import type { AlertImage, AlertLink, InboundAction, InboundEvent, NormalizedAlert } from '../alerts/index.js';
import type { AdapterContext, IngestSource, ParseResult } from './ingest.types.js';
import { check } from './issues.js';
import { compact, firstText, isoTimestamp } from './normalize.js';
import { EventsV1BodySchema, EventsV2RequestSchema, PdPayloadSchema } from './pagerduty.schema.js';

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** What an acknowledge or resolve carries: nothing but who sent it. */
export function followUpAlert(action: InboundAction, source: string, summary?: string): NormalizedAlert {
  return {
    summary: summary ?? (action === 'resolve' ? 'Resolved by the sender' : 'Acknowledged by the sender'),
    source,
    severity: 'info',
    links: [],
    images: [],
  };
}

function routingKeyFrom(body: unknown, field: 'routing_key' | 'service_key') {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false as const, errors: ['Event object format is unrecognized: send a JSON object'] };
  }
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === '')
    return { ok: false as const, errors: [`'${field}' is missing`] };
  if (typeof value !== 'string') return { ok: false as const, errors: [`'${field}' must be a string`] };
  return { ok: true as const, routingKey: value };
}

function parseV2(body: unknown, ctx: AdapterContext): ParseResult {
  const envelope = check(EventsV2RequestSchema, body);
  if (!envelope.ok) return envelope;
  const event = envelope.value;
  const given = firstText(event.dedup_key);
  if (event.event_action !== 'trigger') {
    if (!given)
      return { ok: false, errors: [`'dedup_key' is missing: it is required for ${event.event_action} events`] };
    const payload = event.payload as { summary?: unknown; source?: unknown } | undefined;
    const alert = followUpAlert(
      event.event_action,
      firstText(payload?.source, event.client) ?? 'events-api-v2',
      firstText(payload?.summary),
    );
    return { ok: true, events: [{ action: event.event_action, dedupKey: given, alert, raw: body }] };
  }
  const payload = check(PdPayloadSchema, event.payload);
  if (!payload.ok) {
    return {
      ok: false,
      errors: payload.errors.map((e) => e.replace(/^'([^']*)'/, "'payload.$1'").replace(/^The event/, "'payload'")),
    };
  }
  const p = payload.value;
  const timestamp = p.timestamp ? isoTimestamp(p.timestamp) : undefined;
  if (p.timestamp && !timestamp)
    return { ok: false, errors: [`'payload.timestamp' is not an ISO 8601 timestamp: "${p.timestamp}"`] };
  const links: AlertLink[] = (event.links ?? []).map((l) => compact({ href: l.href, text: orUndefined(l.text) }));
  const images: AlertImage[] = (event.images ?? []).map((i) =>
    compact({ src: i.src, href: orUndefined(i.href), alt: orUndefined(i.alt) }),
  );
  const alert: NormalizedAlert = compact({
    summary: p.summary,
    source: p.source,
    severity: p.severity,
    timestamp,
    component: orUndefined(p.component),
    group: orUndefined(p.group),
    class: orUndefined(p.class),
    customDetails: p.custom_details,
    links,
    images,
    client: orUndefined(event.client),
    clientUrl: orUndefined(event.client_url),
  });
  const inbound: InboundEvent = { action: 'trigger', dedupKey: given ?? ctx.newDedupKey(), alert, raw: body };
  return { ok: true, events: [inbound] };
}

function parseV1(body: unknown, ctx: AdapterContext): ParseResult {
  const checked = check(EventsV1BodySchema, body);
  if (!checked.ok) return checked;
  const event = checked.value;
  const given = firstText(event.incident_key);
  if (event.event_type !== 'trigger') {
    if (!given)
      return { ok: false, errors: [`'incident_key' is missing: it is required for ${event.event_type} events`] };
    const alert = followUpAlert(
      event.event_type,
      firstText(event.client) ?? 'events-api-v1',
      firstText(event.description),
    );
    return { ok: true, events: [{ action: event.event_type, dedupKey: given, alert, raw: body }] };
  }
  const description = firstText(event.description);
  if (!description) return { ok: false, errors: ["'description' is missing: it is required for trigger events"] };
  const links: AlertLink[] = [];
  const images: AlertImage[] = [];
  const errors: string[] = [];
  (event.contexts ?? []).forEach((c, i) => {
    if (c.type === 'link') {
      if (c.href) links.push(compact({ href: c.href, text: orUndefined(c.text) }));
      else errors.push(`'contexts.${i}.href' is missing: a link context needs one`);
    } else if (c.src) {
      images.push(compact({ src: c.src, href: orUndefined(c.href), alt: orUndefined(c.alt) }));
    } else {
      errors.push(`'contexts.${i}.src' is missing: an image context needs one`);
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const alert: NormalizedAlert = compact({
    summary: description,
    source: firstText(event.client) ?? 'events-api-v1',
    // v1 has no severity; PagerDuty treats its events as critical.
    severity: 'critical' as const,
    customDetails: event.details,
    links,
    images,
    client: orUndefined(event.client),
    clientUrl: orUndefined(event.client_url),
  });
  return { ok: true, events: [{ action: 'trigger', dedupKey: given ?? ctx.newDedupKey(), alert, raw: body }] };
}

/** Events API v2 bodies to inbound events, for callers inside Tocsin (the demo); throws on a body PagerDuty would refuse. */
export function eventsV2ToInbound(bodies: unknown[]): InboundEvent[] {
  let generated = 0;
  return bodies.flatMap((body) => {
    const parsed = parseV2(body, { settings: {}, newDedupKey: () => `generated-${++generated}` });
    if (!parsed.ok) throw new Error(`Invalid Events API v2 body: ${parsed.errors.join('; ')}`);
    return parsed.events;
  });
}

export const eventsV2Source: IngestSource = {
  name: 'events_v2',
  keyType: 'events_v2',
  routingKeyOf: (body) => routingKeyFrom(body, 'routing_key'),
  parse: parseV2,
};

export const eventsV1Source: IngestSource = {
  name: 'events_v1',
  keyType: 'events_v2',
  routingKeyOf: (body) => routingKeyFrom(body, 'service_key'),
  parse: parseV1,
};
