/**
 * Giving an SMS page its reply code, and reading a reply back. A code is
 * unique among the open incidents paged to one phone number (the same
 * incident keeps its code); a reply names the action and the code.
 */
import type { Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { getIncidentSummary } from '../../incidents/index.js';
import { findByReplyCode, selectRecentReplyCodes } from '../notifications.repo.js';
import type { IncidentAction } from '../notify.types.js';
import { nextFreeCode, parseReply } from '../reply-code.js';
import { addHours } from './time.js';

/** Codes older than this are free again whatever their incident's state. */
const CODE_LIFETIME_HOURS = 7 * 24;

/** Call inside the transaction that stores the code, holding lockForSending on the SMS method. */
export async function allocateReplyCode(db: Db, clock: Clock, address: string, incidentId: string): Promise<string | undefined> {
  const recent = await selectRecentReplyCodes(db, address, addHours(clock.now(), -CODE_LIFETIME_HOURS));
  const same = recent.find((r) => r.incidentId === incidentId);
  if (same) return same.code;
  const open: string[] = [];
  const statuses = new Map<string, string | undefined>();
  for (const { code, incidentId: other } of recent) {
    if (!statuses.has(other)) statuses.set(other, (await getIncidentSummary(db, other))?.status);
    const status = statuses.get(other);
    if (status && status !== 'resolved') open.push(code);
  }
  return nextFreeCode(open);
}

export type ReplyResolution =
  | { ok: true; incidentId: string; userId: string; action: IncidentAction; notificationId: string }
  | { ok: false; reason: 'unparsed' | 'unknown_code' };

/** What an SMS reply from `from` asks for, if it names a code this number was given. */
export async function resolveReplyCode(db: Db, input: { from: string; body: string }): Promise<ReplyResolution> {
  const parsed = parseReply(input.body);
  if (!parsed) return { ok: false, reason: 'unparsed' };
  const row = await findByReplyCode(db, input.from, parsed.code);
  if (!row?.incident_id || !row.user_id) return { ok: false, reason: 'unknown_code' };
  return { ok: true, incidentId: row.incident_id, userId: row.user_id, action: parsed.action, notificationId: row.id };
}
