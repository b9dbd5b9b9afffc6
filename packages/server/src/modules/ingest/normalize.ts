/**
 * Small pure helpers every adapter shares: severities from free-form labels,
 * dedup keys that fit the 255-character limit, dotted paths into payloads,
 * and the text clean-up vendors' fields need.
 */
import { createHash } from 'node:crypto';
import type { AlertSeverity } from '../services/index.js';

export const MAX_DEDUP_KEY_LENGTH = 255;
export const MAX_SUMMARY_LENGTH = 1024;

const SEVERITY_ALIASES: Record<string, AlertSeverity> = {
  critical: 'critical',
  crit: 'critical',
  page: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  error: 'error',
  err: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  informational: 'info',
  information: 'info',
};

/** critical/error/warning/info (and their usual spellings); 'page' is critical; anything else is `fallback`. */
export function severityFromLabel(value: unknown, fallback: AlertSeverity = 'error'): AlertSeverity {
  if (typeof value !== 'string') return fallback;
  return SEVERITY_ALIASES[value.trim().toLowerCase()] ?? fallback;
}

/** A dedup key within the limit: long keys become a stable hash of themselves. */
export function fitDedupKey(key: string): string {
  if (key.length <= MAX_DEDUP_KEY_LENGTH) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** A stable key for a set of labels (order does not matter). */
export function hashLabels(labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => [name, labels[name]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

/** Trims, collapses whitespace and cuts to `max` characters (with an ellipsis). */
export function oneLine(text: string, max = MAX_SUMMARY_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The first argument that is a non-blank string, trimmed. */
export function firstText(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/**
 * Reads a dotted path (`alert.title`, `items.0.id`) from a JSON value.
 * Returns undefined when any step is missing.
 */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(step)) return undefined;
      current = current[Number(step)];
    } else {
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/** An absolute http(s) URL, or undefined. */
export function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** An ISO 8601 instant from a date string or epoch (seconds or milliseconds); undefined when unparseable. */
export function isoTimestamp(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
    const n = Number(value);
    ms = n < 1e11 ? n * 1000 : n;
  } else if (typeof value === 'string' && value.trim() !== '') {
    ms = Date.parse(normalizeOffset(value.trim()));
  } else {
    return undefined;
  }
  // Alertmanager sends 0001-01-01 for "no end time"; anything before 1970 is no instant.
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

// "+0000" (PagerDuty's own examples) → "+00:00", which every Date parser accepts.
function normalizeOffset(text: string): string {
  return text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** Drops keys whose value is undefined, so stored JSON stays small and tidy. */
export function compact<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) kept[key] = v;
  }
  return kept as T;
}
