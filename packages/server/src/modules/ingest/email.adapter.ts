/**
 * An email to inbound events: subject → summary, text body → details,
 * deduplicated by the key's rule (subject by default, or Message-ID thread,
 * or a regular expression on the subject). A subject that starts with
 * "Resolved", "OK" or "Recovered" (optionally after "Re:", optionally in
 * brackets) resolves the alert its subject names.
 */
import { z } from 'zod';
import type { InboundEvent } from '../alerts/index.js';
import { compact, fitDedupKey, isoTimestamp, oneLine } from './normalize.js';
import { SEVERITIES } from './pagerduty.schema.js';

/** A received email, already parsed (the SMTP listener does that). */
export interface InboundMail {
  subject: string | undefined;
  text: string | undefined;
  from: string | undefined;
  to: string[];
  messageId: string | undefined;
  inReplyTo: string | undefined;
  references: string[];
  date: Date | undefined;
}

export const EmailSettingsSchema = z.object({
  dedupRule: z
    .union([z.enum(['subject', 'message_id']), z.object({ regex: z.string().min(1).max(500) })])
    .default('subject')
    .describe('"subject" (default), "message_id" (the thread), or {"regex": "..."} on the subject, first group'),
  severity: z.enum(SEVERITIES).default('error').describe('of every alert from the key (mail carries none)'),
});
export type EmailSettings = z.output<typeof EmailSettingsSchema>;

/** The documented resolve rule. */
export const RESOLVE_SUBJECT = /^(re:\s*)?\[?(resolved|ok|recovered)\b/i;

const MAX_TEXT_CHARS = 64 * 1024;
const REPLY_PREFIX = /^((re|fwd?|aw|sv)\s*:\s*)+/i;
const STATUS_PREFIX = /^\[?(resolved|ok|recovered|problem|firing|triggered|alert)(:\d+)?\]?\s*[:\-–]?\s*/i;

export function emailSettingsOf(settings: Record<string, unknown>): EmailSettings {
  const parsed = EmailSettingsSchema.safeParse(settings);
  return parsed.success ? parsed.data : { dedupRule: 'subject', severity: 'error' };
}

/** The subject without reply prefixes or a leading status word, lower case: "RESOLVED: Disk full" → "disk full". */
export function subjectKey(subject: string): string {
  const bare = subject.replace(REPLY_PREFIX, '').replace(STATUS_PREFIX, '');
  return oneLine(bare, 1000).toLowerCase() || '(no subject)';
}

function dedupKeyOf(mail: InboundMail, settings: EmailSettings): string {
  const subject = (mail.subject ?? '').slice(0, 1000);
  const rule = settings.dedupRule;
  if (rule === 'message_id') {
    const thread = mail.references[0] ?? mail.inReplyTo ?? mail.messageId;
    if (thread) return thread;
  } else if (typeof rule === 'object') {
    const match = safeRegExp(rule.regex)?.exec(subject);
    if (match) return match[1] ?? match[0];
  }
  return subjectKey(subject);
}

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(source);
  } catch {
    return undefined;
  }
}

export function emailToEvent(mail: InboundMail, settings: EmailSettings): InboundEvent {
  const subject = oneLine(mail.subject ?? '') || '(no subject)';
  const date = isoTimestamp(mail.date?.getTime());
  const text =
    mail.text && mail.text.length > MAX_TEXT_CHARS ? `${mail.text.slice(0, MAX_TEXT_CHARS)}\n[truncated]` : mail.text;
  return {
    action: RESOLVE_SUBJECT.test(subject) ? 'resolve' : 'trigger',
    dedupKey: fitDedupKey(dedupKeyOf(mail, settings)),
    alert: compact({
      summary: subject,
      source: mail.from ?? 'email',
      severity: settings.severity,
      timestamp: date,
      customDetails: compact({ text, from: mail.from, to: mail.to }),
      links: [],
      images: [],
      client: 'Email',
    }),
    raw: compact({ ...mail, text, date }),
  };
}
