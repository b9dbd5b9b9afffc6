/**
 * Grafana alerting's webhook (unified alerting, Grafana 9 and later) to
 * inbound events. Its body is Alertmanager's plus Grafana's own fields
 * (dashboard and panel links, values, a title and message), so each alert
 * maps like an Alertmanager alert with "View in Grafana" links.
 */
import { z } from 'zod';
import type { IngestSource, ParseResult } from './ingest.types.js';
import { check } from './issues.js';
import { AlertmanagerBodySchema, linksOf, prometheusEvent, PrometheusAlertSchema } from './alertmanager.adapter.js';
import { compact } from './normalize.js';

export const GrafanaAlertSchema = PrometheusAlertSchema.extend({
  dashboardURL: z.string().nullish(),
  panelURL: z.string().nullish(),
  silenceURL: z.string().nullish(),
  imageURL: z.string().nullish(),
  valueString: z.string().nullish(),
  values: z.record(z.string(), z.unknown()).nullish(),
});

export const GrafanaBodySchema = AlertmanagerBodySchema.extend({
  orgId: z.number().nullish(),
  title: z.string().nullish(),
  message: z.string().nullish(),
  state: z.string().nullish(),
  alerts: z.array(GrafanaAlertSchema),
}).describe('A Grafana alerting webhook notification (unified alerting)');

function parse(body: unknown): ParseResult {
  const isLegacy = body !== null && typeof body === 'object' && 'ruleId' in body && !('alerts' in body);
  if (isLegacy) {
    return {
      ok: false,
      errors: [
        "This is Grafana's legacy alerting webhook; Tocsin reads Grafana alerting (unified alerting, Grafana 9 and later)",
      ],
    };
  }
  const checked = check(GrafanaBodySchema, body);
  if (!checked.ok) return checked;
  const group = checked.value;
  const events = group.alerts.map((alert) => {
    const event = prometheusEvent(alert, group, {
      client: 'Grafana',
      links: linksOf([
        [alert.panelURL ?? alert.dashboardURL, 'View in Grafana'],
        [alert.dashboardURL, 'Dashboard'],
        [alert.generatorURL, 'Alert rule'],
        [alert.silenceURL, 'Silence'],
        [alert.annotations?.runbook_url, 'Runbook'],
      ]),
      details: compact({ valueString: alert.valueString ?? undefined, values: alert.values ?? undefined }),
    });
    const image = alert.imageURL
      ? { src: alert.imageURL, ...(alert.panelURL ? { href: alert.panelURL } : {}) }
      : undefined;
    return image ? { ...event, alert: { ...event.alert, images: [image] } } : event;
  });
  return { ok: true, events };
}

export const grafanaSource: IngestSource = { name: 'grafana', keyType: 'grafana', parse };
