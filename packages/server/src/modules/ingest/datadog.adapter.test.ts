import { describe, expect, it } from 'vitest';
import { DATADOG_WEBHOOK_TEMPLATE, datadogSource } from './datadog.adapter.js';
import type { ParseResult } from './ingest.types.js';

const ctx = { settings: {}, newDedupKey: () => 'generated' };
const eventsOf = (result: ParseResult) => (result.ok ? result.events : []);
const errorsOf = (result: ParseResult) => (result.ok ? [] : result.errors);

/** The template as Datadog fills it in for a triggered multi-alert monitor. */
const filled = (overrides: Record<string, unknown> = {}) => ({
  ...(JSON.parse(DATADOG_WEBHOOK_TEMPLATE) as Record<string, string>),
  id: '7251823716352',
  alert_id: '1234567',
  aggreg_key: '9bd4ac313a4d1e8fae2482df7b77628',
  alert_cycle_key: '7251823716000',
  alert_transition: 'Triggered',
  alert_type: 'error',
  alert_priority: 'P2',
  alert_title: 'CPU high on host:web-1',
  alert_status: 'system.load.1 over host:web-1 was > 4 on average during the last 5m.',
  alert_scope: 'host:web-1',
  alert_metric: 'system.load.1',
  alert_query: 'avg(last_5m):avg:system.load.1{*} by {host} > 4',
  event_title: '[Triggered on {host:web-1}] CPU high',
  event_msg: '%%%\nLoad is high @webhook-tocsin\n%%%',
  event_type: 'query_alert_monitor',
  date: '1772445600000',
  link: 'https://app.datadoghq.com/event/event?id=7251823716352',
  hostname: 'web-1',
  org_id: '11',
  org_name: 'Acme',
  tags: 'env:prod,team:web,monitor',
  snapshot: 'https://p.datadoghq.com/snapshot/view/x.png',
  ...overrides,
});

describe('Datadog webhook', () => {
  it('is valid JSON that names the variables Tocsin reads', () => {
    const template = JSON.parse(DATADOG_WEBHOOK_TEMPLATE) as Record<string, string>;
    expect(template).toMatchObject({
      aggreg_key: '$AGGREG_KEY',
      alert_id: '$ALERT_ID',
      alert_transition: '$ALERT_TRANSITION',
      event_title: '$EVENT_TITLE',
      link: '$LINK',
    });
  });

  it('maps a triggered monitor: dedup by aggregation key, "View in Datadog", tags as labels', () => {
    const [event] = eventsOf(datadogSource.parse(filled(), ctx));
    expect(event).toMatchObject({
      action: 'trigger',
      dedupKey: '9bd4ac313a4d1e8fae2482df7b77628',
      alert: {
        summary: '[Triggered on {host:web-1}] CPU high',
        source: 'web-1',
        severity: 'error',
        timestamp: '2026-03-02T10:00:00.000Z',
        component: 'system.load.1',
        group: 'host:web-1',
        links: [{ href: 'https://app.datadoghq.com/event/event?id=7251823716352', text: 'View in Datadog' }],
        images: [{ src: 'https://p.datadoghq.com/snapshot/view/x.png' }],
        labels: { env: 'prod', team: 'web' },
        customDetails: {
          message: 'Load is high @webhook-tocsin',
          transition: 'Triggered',
          priority: 'P2',
          monitorId: '1234567',
        },
      },
    });
  });

  it.each([
    ['Triggered', {}, 'trigger', 'error'],
    ['Re-Triggered', {}, 'trigger', 'error'],
    ['Warn', { alert_type: 'warning' }, 'trigger', 'warning'],
    ['No Data', {}, 'trigger', 'error'],
    ['Triggered at P1', { alert_priority: 'P1' }, 'trigger', 'critical'],
    ['Recovered', { alert_transition: 'Recovered', alert_type: 'success' }, 'resolve', 'error'],
  ])('%s → %s', (transition, overrides, action, severity) => {
    const body = filled({ alert_transition: transition.replace(' at P1', ''), ...overrides });
    expect(eventsOf(datadogSource.parse(body, ctx))[0]).toMatchObject({ action, alert: { severity } });
  });

  it('deduplicates by the monitor id when there is no aggregation key, and ignores variables Datadog left unfilled', () => {
    const [event] = eventsOf(
      datadogSource.parse(
        filled({ aggreg_key: '$AGGREG_KEY', hostname: '$HOSTNAME', alert_priority: '$ALERT_PRIORITY' }),
        ctx,
      ),
    );
    expect(event!.dedupKey).toBe('1234567');
    expect(event!.alert.source).toBe('host:web-1');
  });

  it('reads the template sent "encoded as form" (every value a string)', () => {
    const form = Object.fromEntries(Object.entries(filled()).map(([k, v]) => [k, String(v)]));
    expect(eventsOf(datadogSource.parse(form, ctx))).toHaveLength(1);
  });

  it.each([
    ['no transition', filled({ alert_transition: undefined }), "'alert_transition' is missing"],
    [
      'an unknown transition',
      filled({ alert_transition: 'Muted' }),
      /'alert_transition' must be one of: Triggered, .*Recovered \(got "Muted"\)/,
    ],
    [
      'no dedup fields',
      filled({ aggreg_key: undefined, alert_id: '$ALERT_ID' }),
      /'aggreg_key' and 'alert_id' are both missing/,
    ],
    [
      'no title',
      filled({ event_title: '', alert_title: undefined }),
      /'event_title' and 'alert_title' are both missing/,
    ],
    ['not an object', 'Triggered', 'The event must be an object'],
  ])('refuses %s', (_name, body, error) => {
    const errors = errorsOf(datadogSource.parse(body, ctx));
    if (typeof error === 'string') expect(errors).toContain(error);
    else expect(errors.join('\n')).toMatch(error);
  });
});
