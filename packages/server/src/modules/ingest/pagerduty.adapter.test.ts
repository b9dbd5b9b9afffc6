import { describe, expect, it } from 'vitest';
import type { ParseResult } from './ingest.types.js';
import { eventsV1Source, eventsV2Source } from './pagerduty.adapter.js';

const ctx = { settings: {}, newDedupKey: () => 'generated-key' };
const errorsOf = (result: ParseResult) => (result.ok ? [] : result.errors);

const trigger = {
  routing_key: 'e93facc04764012d7bfb002500d5d1a6',
  event_action: 'trigger',
  dedup_key: 'srv01/mysql',
  payload: {
    summary: 'DISK at 99% on machine prod-datapipe03.example.com',
    timestamp: '2015-07-17T08:42:58.315+0000',
    severity: 'critical',
    source: 'prod-datapipe03.example.com',
    component: 'mysql',
    group: 'prod-datapipe',
    class: 'disk',
    custom_details: { 'free space': '1%' },
  },
  client: 'Sample Monitoring Service',
  client_url: 'https://monitoring.service.com',
  links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
  images: [{ src: 'https://chart.example.com/c.png', href: 'https://example.com', alt: 'chart' }],
};

describe('PagerDuty Events API v2', () => {
  it("maps PagerDuty's own example to one trigger with every field", () => {
    const result = eventsV2Source.parse(trigger, ctx);
    expect(result).toEqual({
      ok: true,
      events: [
        {
          action: 'trigger',
          dedupKey: 'srv01/mysql',
          alert: {
            summary: 'DISK at 99% on machine prod-datapipe03.example.com',
            source: 'prod-datapipe03.example.com',
            severity: 'critical',
            timestamp: '2015-07-17T08:42:58.315Z',
            component: 'mysql',
            group: 'prod-datapipe',
            class: 'disk',
            customDetails: { 'free space': '1%' },
            links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
            images: [{ src: 'https://chart.example.com/c.png', href: 'https://example.com', alt: 'chart' }],
            client: 'Sample Monitoring Service',
            clientUrl: 'https://monitoring.service.com',
          },
          raw: trigger,
        },
      ],
    });
  });

  it('generates a dedup key for a trigger without one (or with null or blank)', () => {
    for (const dedup_key of [undefined, null, '']) {
      const result = eventsV2Source.parse({ ...trigger, dedup_key }, ctx);
      expect(result.ok && result.events[0]!.dedupKey).toBe('generated-key');
    }
  });

  it('takes acknowledge and resolve with only a dedup key', () => {
    for (const action of ['acknowledge', 'resolve'] as const) {
      const result = eventsV2Source.parse({ routing_key: 'k', event_action: action, dedup_key: 'srv01/mysql' }, ctx);
      expect(result.ok && result.events[0]).toMatchObject({
        action,
        dedupKey: 'srv01/mysql',
        alert: { severity: 'info' },
      });
    }
  });

  it.each([
    [
      'acknowledge without dedup_key',
      { routing_key: 'k', event_action: 'acknowledge' },
      "'dedup_key' is missing: it is required for acknowledge events",
    ],
    [
      'resolve with a blank dedup_key',
      { routing_key: 'k', event_action: 'resolve', dedup_key: ' ' },
      "'dedup_key' is missing: it is required for resolve events",
    ],
    [
      'unknown action',
      { ...trigger, event_action: 'explode' },
      "'event_action' must be one of: trigger, acknowledge, resolve",
    ],
    ['trigger without payload', { ...trigger, payload: undefined }, "'payload' is missing"],
    ['blank summary', { ...trigger, payload: { ...trigger.payload, summary: '' } }, "'payload.summary' is blank"],
    [
      'summary too long',
      { ...trigger, payload: { ...trigger.payload, summary: 'x'.repeat(1025) } },
      "'payload.summary' is too long (at most 1024 characters)",
    ],
    [
      'missing source',
      { ...trigger, payload: { ...trigger.payload, source: undefined } },
      "'payload.source' is missing",
    ],
    [
      'bad severity',
      { ...trigger, payload: { ...trigger.payload, severity: 'disaster' } },
      "'payload.severity' must be one of: critical, error, warning, info",
    ],
    [
      'bad timestamp',
      { ...trigger, payload: { ...trigger.payload, timestamp: 'yesterday' } },
      '\'payload.timestamp\' is not an ISO 8601 timestamp: "yesterday"',
    ],
    [
      'dedup_key too long',
      { ...trigger, dedup_key: 'x'.repeat(256) },
      "'dedup_key' is too long (at most 255 characters)",
    ],
    ['link without href', { ...trigger, links: [{ text: 'no href' }] }, "'links.0.href' is missing"],
    ['links not an array', { ...trigger, links: 'http://x' }, "'links' must be an array"],
    ['image without src', { ...trigger, images: [{ alt: 'x' }] }, "'images.0.src' is missing"],
  ])('refuses %s', (_name, body, error) => {
    expect(errorsOf(eventsV2Source.parse(body, ctx))).toContain(error);
  });

  it.each([
    ['a string', 'hello', ['Event object format is unrecognized: send a JSON object']],
    ['an array', [trigger], ['Event object format is unrecognized: send a JSON object']],
    ['no routing key', { event_action: 'trigger' }, ["'routing_key' is missing"]],
    ['a numeric routing key', { routing_key: 42 }, ["'routing_key' must be a string"]],
  ])('finds no routing key in %s', (_name, body, errors) => {
    expect(eventsV2Source.routingKeyOf!(body)).toEqual({ ok: false, errors });
  });

  it('reads the routing key from the body', () => {
    expect(eventsV2Source.routingKeyOf!(trigger)).toEqual({ ok: true, routingKey: trigger.routing_key });
  });
});

describe('PagerDuty Events API v1', () => {
  const v1 = {
    service_key: 'e93facc04764012d7bfb002500d5d1a6',
    incident_key: 'srv01/HTTP',
    event_type: 'trigger',
    description: 'FAILURE for production/HTTP on machine srv01.acme.com',
    client: 'Sample Monitoring Service',
    client_url: 'https://monitoring.service.com',
    details: { 'ping time': '1500ms' },
    contexts: [
      { type: 'link', href: 'http://acme.pagerduty.com', text: 'View' },
      { type: 'image', src: 'https://chart.example.com/c.png', href: 'https://example.com' },
    ],
  };

  it("maps PagerDuty's own example: description → summary, incident_key → dedup key, contexts → links and images", () => {
    const result = eventsV1Source.parse(v1, ctx);
    expect(result.ok && result.events[0]).toEqual({
      action: 'trigger',
      dedupKey: 'srv01/HTTP',
      alert: {
        summary: 'FAILURE for production/HTTP on machine srv01.acme.com',
        source: 'Sample Monitoring Service',
        severity: 'critical',
        customDetails: { 'ping time': '1500ms' },
        links: [{ href: 'http://acme.pagerduty.com', text: 'View' }],
        images: [{ src: 'https://chart.example.com/c.png', href: 'https://example.com' }],
        client: 'Sample Monitoring Service',
        clientUrl: 'https://monitoring.service.com',
      },
      raw: v1,
    });
    expect(eventsV1Source.routingKeyOf!(v1)).toEqual({ ok: true, routingKey: v1.service_key });
  });

  it.each([
    [
      'trigger without description',
      { ...v1, description: undefined },
      "'description' is missing: it is required for trigger events",
    ],
    [
      'resolve without incident_key',
      { service_key: 'k', event_type: 'resolve' },
      "'incident_key' is missing: it is required for resolve events",
    ],
    ['unknown event type', { ...v1, event_type: 'page' }, "'event_type' must be one of: trigger, acknowledge, resolve"],
    [
      'link context without href',
      { ...v1, contexts: [{ type: 'link' }] },
      "'contexts.0.href' is missing: a link context needs one",
    ],
    ['unknown context type', { ...v1, contexts: [{ type: 'video' }] }, "'contexts.0.type' must be one of: link, image"],
  ])('refuses %s', (_name, body, error) => {
    expect(errorsOf(eventsV1Source.parse(body, ctx))).toContain(error);
  });

  it('generates an incident key for a trigger without one', () => {
    const result = eventsV1Source.parse({ ...v1, incident_key: undefined }, ctx);
    expect(result.ok && result.events[0]!.dedupKey).toBe('generated-key');
  });
});
