/**
 * Giving an SMS page its reply code, and reading a reply back. A code is
 * unique among the open incidents paged to one phone number (the same
 * incident keeps its code); a reply names the action and the code.
 */
import type { Db } from '../../../db/client.js';
import { findByReplyCode } from '../notifications.repo.js';
import type { IncidentAction } from '../notify.types.js';
import { nextFreeCode, parseReply } from '../reply-code.js';
import { addHours } from './time.js';

/** Codes older than this are free again whatever their incident's state. */
export const CODE_LIFETIME_HOURS = 7 * 24;

/** Since when codes given to a number still count. */
export const replyCodesSince = (now: Date): Date => addHours(now, -CODE_LIFETIME_HOURS);

/**
 * The code a page about `incidentId` gets on a number that was given `recent`
 * codes (since replyCodesSince): the incident's own if it has one, else the
 * lowest code no open incident holds (`statusOf` says which are open).
 * Decide it holding the number's sending lock (lockAndSelectSendingState).
 */
export function chooseReplyCode(
  recent: Array<{ code: string; incidentId: string }>,
  incidentId: string,
  statusOf: (incidentId: string) => string | undefined,
): string | undefined {
  const same = recent.find((r) => r.incidentId === incidentId);
  if (same) return same.code;
  const open = recent.filter((r) => {
    const status = statusOf(r.incidentId);
    return status !== undefined && status !== 'resolved';
  });
  return nextFreeCode(open.map((r) => r.code));
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
