/**
 * The generic JSON webhook: any JSON body, read through the field mapping the
 * user keeps in the integration key's settings (dotted paths such as
 * `alert.title` or `items.0.id`). A missing field is refused with the mapping
 * path that pointed at it, so the fix is obvious.
 */
import { z } from 'zod';
import type { InboundAction } from '../alerts/index.js';
import type { AdapterContext, IngestSource, ParseResult } from './ingest.types.js';
import { compact, fitDedupKey, oneLine, readPath, severityFromLabel } from './normalize.js';

const Path = z.string().min(1).max(200);

/** What a webhook integration key's settings hold. */
export const WebhookMappingSchema = z.object({
  summary: Path.describe('Path of the alert summary, e.g. "alert.title"'),
  dedupKey: Path.describe('Path of the value that identifies the alert, e.g. "alert.id"'),
  severity: Path.optional().describe('Path of critical/error/warning/info (anything else is error)'),
  source: Path.optional().describe('Path of the affected system'),
  action: z
    .object({
      path: Path,
      trigger: z.array(z.string()).default([]),
      resolve: z.array(z.string()).default([]),
      acknowledge: z.array(z.string()).default([]),
    })
    .optional()
    .describe('Which values at `path` trigger, resolve or acknowledge; without it every event triggers'),
});
export type WebhookMapping = z.output<typeof WebhookMappingSchema>;

/** Used when a webhook key has no mapping: a PagerDuty-like flat body. */
export const DEFAULT_WEBHOOK_MAPPING: WebhookMapping = {
  summary: 'summary',
  dedupKey: 'dedup_key',
  severity: 'severity',
  source: 'source',
  action: { path: 'action', trigger: ['trigger'], resolve: ['resolve'], acknowledge: ['acknowledge'] },
};

function mappingOf(
  settings: Record<string, unknown>,
): { ok: true; mapping: WebhookMapping } | { ok: false; errors: string[] } {
  if (Object.keys(settings).length === 0) return { ok: true, mapping: DEFAULT_WEBHOOK_MAPPING };
  const parsed = WebhookMappingSchema.safeParse(settings);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  return {
    ok: false,
    errors: [`The integration key's field mapping is invalid (${problems}): fix it in the key's settings`],
  };
}

function textAt(body: unknown, path: string): string | undefined {
  const value = readPath(body, path);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function actionOf(
  body: unknown,
  mapping: WebhookMapping,
): { ok: true; action: InboundAction } | { ok: false; error: string } {
  if (!mapping.action) return { ok: true, action: 'trigger' };
  const { path, trigger, resolve, acknowledge } = mapping.action;
  const value = textAt(body, path);
  if (value === undefined) return { ok: true, action: 'trigger' };
  const is = (list: string[]) => list.some((v) => v.toLowerCase() === value.toLowerCase());
  if (is(resolve)) return { ok: true, action: 'resolve' };
  if (is(acknowledge)) return { ok: true, action: 'acknowledge' };
  if (is(trigger)) return { ok: true, action: 'trigger' };
  const known = [...trigger, ...resolve, ...acknowledge].map((v) => `"${v}"`).join(', ');
  return {
    ok: false,
    error: `The value "${value}" at '${path}' (the mapping's action path) is none of ${known}: send one of them, or add it to the mapping`,
  };
}

function parse(body: unknown, ctx: AdapterContext): ParseResult {
  const resolved = mappingOf(ctx.settings);
  if (!resolved.ok) return resolved;
  const { mapping } = resolved;
  if (body === null || typeof body !== 'object')
    return { ok: false, errors: ['The body must be a JSON object or array'] };
  const errors: string[] = [];
  const summary = textAt(body, mapping.summary);
  if (summary === undefined)
    errors.push(`No summary at '${mapping.summary}' (the mapping's summary path): send it, or change the mapping`);
  const dedupKey = textAt(body, mapping.dedupKey);
  if (dedupKey === undefined)
    errors.push(`No dedup key at '${mapping.dedupKey}' (the mapping's dedupKey path): send it, or change the mapping`);
  const action = actionOf(body, mapping);
  if (!action.ok) errors.push(action.error);
  if (summary === undefined || dedupKey === undefined || !action.ok) return { ok: false, errors };
  const alert = compact({
    summary: oneLine(summary),
    source: (mapping.source && textAt(body, mapping.source)) || 'webhook',
    severity: severityFromLabel(mapping.severity ? textAt(body, mapping.severity) : undefined, 'error'),
    customDetails: body,
    links: [],
    images: [],
    client: 'Webhook',
  });
  return { ok: true, events: [{ action: action.action, dedupKey: fitDedupKey(dedupKey), alert, raw: body }] };
}

export const webhookSource: IngestSource = { name: 'webhook', keyType: 'webhook', parse };
