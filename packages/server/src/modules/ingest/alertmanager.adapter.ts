/**
 * Prometheus Alertmanager's webhook (payload version 4) to inbound events:
 * one event per alert in the group, deduplicated by the alert's fingerprint
 * (or a hash of its labels), resolved when the alert says "resolved".
 * Grafana's webhook shares this shape (grafana.adapter.ts builds on it).
 */
import { z } from 'zod';
import type { AlertLink, InboundEvent, NormalizedAlert } from '../alerts/index.js';
import type { IngestSource, ParseResult } from './ingest.types.js';
import { check } from './issues.js';
import {
  compact,
  firstText,
  fitDedupKey,
  hashLabels,
  httpUrl,
  isoTimestamp,
  oneLine,
  severityFromLabel,
} from './normalize.js';

const Labels = z.record(z.string(), z.string());

export const PrometheusAlertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: Labels,
  annotations: Labels.nullish(),
  startsAt: z.string().nullish(),
  endsAt: z.string().nullish(),
  generatorURL: z.string().nullish(),
  fingerprint: z.string().nullish(),
});

export const AlertmanagerBodySchema = z
  .looseObject({
    version: z.string().nullish().describe('"4" for Alertmanager'),
    groupKey: z.string().nullish(),
    truncatedAlerts: z.number().nullish(),
    status: z.enum(['firing', 'resolved']).nullish(),
    receiver: z.string().nullish(),
    groupLabels: Labels.nullish(),
    commonLabels: Labels.nullish(),
    commonAnnotations: Labels.nullish(),
    externalURL: z.string().nullish(),
    alerts: z.array(PrometheusAlertSchema),
  })
  .describe('A Prometheus Alertmanager webhook notification (payload version 4)');

export type PrometheusAlert = z.output<typeof PrometheusAlertSchema>;
export type AlertmanagerBody = z.output<typeof AlertmanagerBodySchema>;

/** The link list without duplicates or non-http(s) URLs. */
export function linksOf(candidates: Array<[unknown, string]>): AlertLink[] {
  const seen = new Set<string>();
  const links: AlertLink[] = [];
  for (const [value, text] of candidates) {
    const href = httpUrl(value);
    if (href && !seen.has(href)) {
      seen.add(href);
      links.push({ href, text });
    }
  }
  return links;
}

/** The parts of one Prometheus-style alert every source in this family maps the same way. */
export function prometheusEvent(
  alert: PrometheusAlert,
  group: AlertmanagerBody,
  extra: { client: string; links: AlertLink[]; details?: Record<string, unknown> },
): InboundEvent {
  const labels = alert.labels;
  const annotations = alert.annotations ?? {};
  const summary =
    firstText(
      annotations.summary,
      annotations.description,
      annotations.message,
      labels.alertname,
      group.commonLabels?.alertname,
    ) ?? 'Prometheus alert';
  const normalized: NormalizedAlert = compact({
    summary: oneLine(summary),
    source: firstText(labels.instance, labels.job, labels.service, group.receiver) ?? extra.client,
    severity: severityFromLabel(labels.severity ?? group.commonLabels?.severity),
    timestamp: isoTimestamp(alert.startsAt),
    component: firstText(labels.job, labels.service),
    group: firstText(labels.cluster, labels.namespace),
    class: firstText(labels.alertname),
    customDetails: compact({
      annotations,
      startsAt: alert.startsAt ?? undefined,
      endsAt: isoTimestamp(alert.endsAt),
      ...extra.details,
    }),
    links: extra.links,
    images: [],
    client: extra.client,
    clientUrl: httpUrl(group.externalURL),
    labels,
  });
  const { alerts: _all, ...context } = group;
  return {
    action: alert.status === 'resolved' ? 'resolve' : 'trigger',
    dedupKey: fitDedupKey(firstText(alert.fingerprint) ?? hashLabels(labels)),
    alert: normalized,
    // The group's context with this one alert: still a valid payload on its own.
    raw: { ...context, alerts: [alert] },
  };
}

function parse(body: unknown): ParseResult {
  const checked = check(AlertmanagerBodySchema, body);
  if (!checked.ok) return checked;
  const group = checked.value;
  const events = group.alerts.map((alert) =>
    prometheusEvent(alert, group, {
      client: 'Alertmanager',
      links: linksOf([
        [alert.generatorURL, 'Source'],
        [alert.annotations?.runbook_url, 'Runbook'],
        [alert.annotations?.dashboard_url ?? alert.annotations?.dashboard, 'Dashboard'],
        [group.externalURL, 'Alertmanager'],
      ]),
    }),
  );
  return { ok: true, events };
}

export const alertmanagerSource: IngestSource = { name: 'alertmanager', keyType: 'alertmanager', parse };
