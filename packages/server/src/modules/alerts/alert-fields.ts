/**
 * From a stored event's normalised alert (inbound.types.ts) to alert columns.
 * Ingest validated it on the way in; this still refuses to let one odd value
 * (a missing summary, an unknown severity) stop an alert from paging.
 */
import type { Insertable } from 'kysely';
import type { AlertsTable } from '../../db/schema.js';
import type { AlertRow } from './alerts.repo.js';
import type { AlertSeverity } from '../services/index.js';
import { storableJson } from './inbound.js';
import type { NormalizedAlert } from './inbound.types.js';

const SEVERITIES: readonly AlertSeverity[] = ['critical', 'error', 'warning', 'info'];

export interface AlertFields {
  summary: string;
  source: string;
  severity: AlertSeverity;
  component: string | null;
  group: string | null;
  class: string | null;
}

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.slice(0, max) : null;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function toAlertFields(stored: unknown): AlertFields {
  const alert = (stored ?? {}) as Partial<NormalizedAlert>;
  return {
    summary: text(alert.summary, 1024) ?? 'Alert without a summary',
    source: text(alert.source, 1024) ?? '',
    // An unknown severity pages: missing a page is worse than an extra one.
    severity: SEVERITIES.includes(alert.severity as AlertSeverity) ? (alert.severity as AlertSeverity) : 'critical',
    component: text(alert.component, 1024),
    group: text(alert.group, 1024),
    class: text(alert.class, 1024),
  };
}

/** The columns a trigger event sets, on a new alert or on the open one it adds to. */
export function alertColumns(stored: unknown, raw: unknown) {
  const alert = (stored ?? {}) as Partial<NormalizedAlert>;
  return {
    ...toAlertFields(stored),
    custom_details: alert.customDetails === undefined ? null : storableJson(alert.customDetails),
    links: storableJson(list(alert.links)),
    images: storableJson(list(alert.images)),
    client: text(alert.client, 1024),
    client_url: text(alert.clientUrl, 2048),
    raw: storableJson(raw),
  } satisfies Partial<Insertable<AlertsTable>>;
}

/** At most this many links (and images) are kept on an alert that absorbs many triggers. */
const MAX_KEPT = 20;

/** `fresh` first, then the `earlier` ones whose `id` it does not repeat. */
function union(fresh: unknown, earlier: unknown, id: (item: Record<string, unknown>) => unknown): unknown[] {
  const seen = new Set(list(fresh).map((item) => id(item as Record<string, unknown>)));
  const kept = list(earlier).filter((item) => !seen.has(id(item as Record<string, unknown>)));
  return [...list(fresh), ...kept].slice(0, MAX_KEPT);
}

/**
 * The columns a trigger sets on the open alert it adds to: the newest event's
 * fields, but nothing the alert already had is lost to an event that leaves it
 * out. Links and images accumulate (the "view in Grafana" link of the first
 * trigger stays when a later one has none); a field the new event does not
 * carry keeps its earlier value.
 */
export function retriggerColumns(open: AlertRow, stored: unknown, raw: unknown) {
  const alert = (stored ?? {}) as Partial<NormalizedAlert>;
  const columns = alertColumns(stored, raw);
  return {
    ...columns,
    component: columns.component ?? open.component,
    group: columns.group ?? open.group,
    class: columns.class ?? open.class,
    custom_details: columns.custom_details ?? (open.custom_details == null ? null : storableJson(open.custom_details)),
    links: storableJson(union(alert.links, open.links, (link) => link.href)),
    images: storableJson(union(alert.images, open.images, (image) => image.src)),
    client: columns.client ?? open.client,
    client_url: columns.client_url ?? open.client_url,
  };
}
