/**
 * Datadog's webhook integration to inbound events. Datadog posts whatever
 * JSON the user configures, so Tocsin documents one template
 * (DATADOG_WEBHOOK_TEMPLATE, also in docs/integrations.md) and reads it:
 * dedup by aggregation key (else the monitor id), "Recovered" resolves,
 * everything else that alerts triggers.
 */
import { z } from 'zod';
import type { AlertSeverity } from '../services/index.js';
import type { IngestSource, ParseResult } from './ingest.types.js';
import { check } from './issues.js';
import { compact, firstText, fitDedupKey, httpUrl, isoTimestamp, oneLine, severityFromLabel } from './normalize.js';

/** The payload to paste into Datadog's webhook integration ("Payload" field). */
export const DATADOG_WEBHOOK_TEMPLATE = `{
  "id": "$ID",
  "alert_id": "$ALERT_ID",
  "aggreg_key": "$AGGREG_KEY",
  "alert_cycle_key": "$ALERT_CYCLE_KEY",
  "alert_transition": "$ALERT_TRANSITION",
  "alert_type": "$ALERT_TYPE",
  "alert_priority": "$ALERT_PRIORITY",
  "alert_title": "$ALERT_TITLE",
  "alert_status": "$ALERT_STATUS",
  "alert_scope": "$ALERT_SCOPE",
  "alert_metric": "$ALERT_METRIC",
  "alert_query": "$ALERT_QUERY",
  "event_title": "$EVENT_TITLE",
  "event_msg": "$EVENT_MSG",
  "event_type": "$EVENT_TYPE",
  "date": "$DATE",
  "link": "$LINK",
  "hostname": "$HOSTNAME",
  "org_id": "$ORG_ID",
  "org_name": "$ORG_NAME",
  "tags": "$TAGS",
  "snapshot": "$SNAPSHOT"
}`;

const TRIGGERS = ['Triggered', 'Re-Triggered', 'Renotify', 'Warn', 'Re-Warn', 'No Data', 'Re-No Data'];
const RESOLVES = ['Recovered'];

const field = z.union([z.string(), z.number()]).nullish();

export const DatadogBodySchema = z
  .looseObject({
    id: field,
    alert_id: field,
    aggreg_key: field,
    alert_cycle_key: field,
    alert_transition: z.string(),
    alert_type: field,
    alert_priority: field,
    alert_title: field,
    alert_status: field,
    alert_scope: field,
    alert_metric: field,
    alert_query: field,
    event_title: field,
    event_msg: field,
    event_type: field,
    date: field,
    link: field,
    hostname: field,
    org_id: field,
    org_name: field,
    tags: field,
    snapshot: field,
  })
  .describe("The Datadog webhook payload from Tocsin's template (see docs/integrations.md)");

type DatadogBody = z.output<typeof DatadogBodySchema>;

/** A template variable Datadog had nothing for stays "$NAME": treat it as absent. */
function value(body: DatadogBody, name: keyof DatadogBody): string | undefined {
  const raw = body[name];
  const text = typeof raw === 'number' ? String(raw) : firstText(raw);
  return text && !/^\$[A-Z_]+$/.test(text) ? text : undefined;
}

/** "env:prod,team:db" → { env: "prod", team: "db" }. */
function labelsFromTags(tags: string | undefined): Record<string, string> | undefined {
  if (!tags) return undefined;
  const labels: Record<string, string> = {};
  for (const tag of tags.split(',')) {
    const [name, ...rest] = tag.trim().split(':');
    if (name && rest.length > 0) labels[name] = rest.join(':');
  }
  return Object.keys(labels).length > 0 ? labels : undefined;
}

function severityOf(body: DatadogBody, transition: string): AlertSeverity {
  if (/^(re-)?p1$/i.test(value(body, 'alert_priority') ?? '')) return 'critical';
  if (/warn/i.test(transition)) return 'warning';
  return severityFromLabel(value(body, 'alert_type'), 'error');
}

const stripMarkdownFence = (text: string | undefined) => text?.replace(/^%%%\s*/, '').replace(/\s*%%%$/, '');

function parse(body: unknown): ParseResult {
  const checked = check(DatadogBodySchema, body);
  if (!checked.ok) return checked;
  const dd = checked.value;
  const transition = dd.alert_transition.trim();
  const isResolve = RESOLVES.includes(transition) || value(dd, 'alert_type') === 'success';
  if (!isResolve && !TRIGGERS.includes(transition)) {
    return {
      ok: false,
      errors: [`'alert_transition' must be one of: ${[...TRIGGERS, ...RESOLVES].join(', ')} (got "${transition}")`],
    };
  }
  const errors: string[] = [];
  const dedup = value(dd, 'aggreg_key') ?? value(dd, 'alert_id');
  if (!dedup)
    errors.push(
      "'aggreg_key' and 'alert_id' are both missing: use Tocsin's template, which sends $AGGREG_KEY and $ALERT_ID",
    );
  const title = value(dd, 'event_title') ?? value(dd, 'alert_title');
  if (!title)
    errors.push("'event_title' and 'alert_title' are both missing: use Tocsin's template, which sends $EVENT_TITLE");
  if (!dedup || !title) return { ok: false, errors };
  const link = httpUrl(value(dd, 'link'));
  const snapshot = httpUrl(value(dd, 'snapshot'));
  const tags = value(dd, 'tags');
  const alert = compact({
    summary: oneLine(title),
    source: value(dd, 'hostname') ?? value(dd, 'alert_scope') ?? 'Datadog',
    severity: severityOf(dd, transition),
    timestamp: isoTimestamp(value(dd, 'date')),
    component: value(dd, 'alert_metric'),
    group: value(dd, 'alert_scope'),
    class: value(dd, 'event_type'),
    customDetails: compact({
      message: stripMarkdownFence(value(dd, 'event_msg')),
      status: value(dd, 'alert_status'),
      query: value(dd, 'alert_query'),
      transition,
      priority: value(dd, 'alert_priority'),
      monitorId: value(dd, 'alert_id'),
      tags,
      org: value(dd, 'org_name'),
    }),
    links: link ? [{ href: link, text: 'View in Datadog' }] : [],
    images: snapshot ? [{ src: snapshot, ...(link ? { href: link } : {}), alt: 'Datadog snapshot' }] : [],
    client: 'Datadog',
    clientUrl: link,
    labels: labelsFromTags(tags),
  });
  return {
    ok: true,
    events: [{ action: isResolve ? 'resolve' : 'trigger', dedupKey: fitDedupKey(dedup), alert, raw: body }],
  };
}

export const datadogSource: IngestSource = { name: 'datadog', keyType: 'datadog', parse };
