/**
 * What a page says about the alert behind an incident: its summary, source,
 * severity, the key custom details and the links the monitor sent, trimmed
 * to what a message can carry. The newest alert of each incident is the one
 * shown (it is what woke someone). Reads the alerts table this module owns.
 */
import { sql } from 'kysely';
import { deferredRowsOf, flushDeferred } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import type { AlertSeverity } from '../services/index.js';

export interface AlertContext {
  summary: string;
  source: string;
  severity: AlertSeverity;
  component: string | null;
  /** Key custom details (a message or description first, then by name), values as short text. */
  details: Array<{ key: string; value: string }>;
  /** The monitor's links (http and https only), each with a label. */
  links: Array<{ label: string; url: string }>;
  /** How many alerts the incident has, when more than this one. */
  alertCount: number;
}

export const MAX_DETAILS = 8;
export const MAX_DETAIL_VALUE = 200;
export const MAX_LINKS = 3;

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const FIRST_KEYS = ['message', 'description', 'summary', 'status', 'error', 'runbook'];
const rankOf = (key: string): number => {
  const rank = FIRST_KEYS.indexOf(key.toLowerCase());
  return rank < 0 ? FIRST_KEYS.length : rank;
};

/** The first details of a custom_details value, flattened one level: objects and arrays become compact JSON. Pure. */
export function keyDetails(customDetails: unknown, max = MAX_DETAILS): AlertContext['details'] {
  if (customDetails === null || customDetails === undefined) return [];
  if (typeof customDetails !== 'object' || Array.isArray(customDetails)) {
    const text = typeof customDetails === 'string' ? customDetails : JSON.stringify(customDetails);
    return text.trim() ? [{ key: 'details', value: clip(text.trim(), MAX_DETAIL_VALUE) }] : [];
  }
  const details: AlertContext['details'] = [];
  // The store keeps no key order (jsonb), so what a person reads first comes first: the message, then the rest by name.
  const entries = Object.entries(customDetails as Record<string, unknown>).sort(
    ([a], [b]) => rankOf(a) - rankOf(b) || a.localeCompare(b),
  );
  for (const [key, raw] of entries) {
    if (details.length >= max) break;
    if (raw === null || raw === undefined || raw === '') continue;
    const value = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : JSON.stringify(raw);
    if (value) details.push({ key: clip(key, 60), value: clip(value, MAX_DETAIL_VALUE) });
  }
  return details;
}

/** The links worth a button or an anchor: web addresses only, labelled by their text or their host. Pure. */
export function monitorLinks(links: unknown, max = MAX_LINKS): AlertContext['links'] {
  if (!Array.isArray(links)) return [];
  const kept: AlertContext['links'] = [];
  for (const link of links) {
    if (kept.length >= max) break;
    const href = (link as { href?: unknown } | null)?.href;
    if (typeof href !== 'string') continue;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const text = (link as { text?: unknown }).text;
    kept.push({ label: clip(typeof text === 'string' && text.trim() ? text.trim() : url.host, 60), url: url.href });
  }
  return kept;
}

const contextRows = compiledOnce((db: Db, v: { ids: string[] }) =>
  db
    .selectFrom('alerts')
    .distinctOn('incident_id')
    .select([
      'incident_id',
      'summary',
      'source',
      'severity',
      'component',
      'custom_details',
      'links',
      sql<string>`count(*) over (partition by incident_id)`.as('alert_count'),
    ])
    .where('incident_id', 'in', v.ids)
    .orderBy('incident_id')
    .orderBy('last_triggered_at', 'desc')
    .orderBy('id', 'desc'),
);

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/**
 * The alert context of each incident among `incidentIds` whose alerts this
 * fail-fast batch holds to write at its commit (db/batch.ts), from those
 * rows without a read. For an incident the batch opened, which has no
 * other alerts (an alert moved into it is written at once, not held).
 */
export function heldAlertContexts(db: Db, incidentIds: readonly string[]): Map<string, AlertContext> {
  const wanted = new Set(incidentIds);
  const held = deferredRowsOf(db, 'alerts');
  const triggeredAt = (row: (typeof held)[number]) => new Date(row.last_triggered_at).getTime();
  // The newest of each incident's alerts, as getAlertContexts orders them (last triggered, then id), and their count.
  const newest = new Map<string, { row: (typeof held)[number]; count: number }>();
  for (const row of held) {
    if (!row.incident_id || !wanted.has(row.incident_id)) continue;
    const seen = newest.get(row.incident_id);
    const later =
      !seen ||
      triggeredAt(row) > triggeredAt(seen.row) ||
      (triggeredAt(row) === triggeredAt(seen.row) && row.id > seen.row.id);
    newest.set(row.incident_id, { row: later ? row : seen.row, count: (seen?.count ?? 0) + 1 });
  }
  return new Map(
    [...newest].map(([incidentId, { row, count }]) => [
      incidentId,
      {
        summary: row.summary,
        source: row.source ?? '',
        severity: row.severity,
        component: row.component ?? null,
        details: keyDetails(parsed(row.custom_details)),
        links: monitorLinks(parsed(row.links)),
        alertCount: count,
      },
    ]),
  );
}

/** The alert context of each incident among `incidentIds` that has alerts, by incident id: one query. */
export async function getAlertContexts(db: Db, incidentIds: readonly string[]): Promise<Map<string, AlertContext>> {
  const wanted = [...new Set(incidentIds)];
  if (wanted.length === 0) return new Map();
  await flushDeferred(db, 'alerts');
  const rows = await contextRows(db, { ids: wanted });
  return new Map(
    rows.map((row) => [
      row.incident_id!,
      {
        summary: row.summary,
        source: row.source,
        severity: row.severity,
        component: row.component,
        details: keyDetails(row.custom_details),
        links: monitorLinks(row.links),
        alertCount: Number(row.alert_count),
      },
    ]),
  );
}
