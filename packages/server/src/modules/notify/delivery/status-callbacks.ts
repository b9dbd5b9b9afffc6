/**
 * Twilio's status callbacks: a message delivered or a call completed marks the
 * notification delivered; failed, undelivered, busy, no-answer or canceled
 * marks it failed, writes the timeline and falls back to the next method.
 * The callback names the notification by the idempotency key Tocsin put in
 * the StatusCallback URL, so it works even before the send was recorded.
 */
import { inTransaction, type Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { findNotificationByKey, findNotificationByProviderId, updateNotificationRow } from '../notifications.repo.js';
import { failNotification } from './failure.js';

export interface TwilioStatusInput {
  /** The `key` query parameter of the callback URL. */
  key: string | undefined;
  sid: string;
  status: string;
  kind: 'sms' | 'voice';
  errorCode?: string | undefined;
}

const DELIVERED = new Set(['delivered', 'completed']);
const FAILED = new Set(['failed', 'undelivered', 'busy', 'no-answer', 'canceled']);

const FAILURE_WORDS: Record<string, string> = {
  failed: 'failed',
  undelivered: 'could not be delivered',
  busy: 'got a busy line',
  'no-answer': 'was not answered',
  canceled: 'was canceled',
};

export async function recordTwilioStatus(
  db: Db,
  clock: Clock,
  input: TwilioStatusInput,
): Promise<'delivered' | 'failed' | 'ignored'> {
  if (!DELIVERED.has(input.status) && !FAILED.has(input.status)) return 'ignored';
  const row = await inTransaction(db, async (tx) => {
    const found = input.key
      ? await findNotificationByKey(tx, input.key, { forUpdate: true })
      : await findNotificationByProviderId(tx, ['sms', 'voice'], input.sid);
    // A key names the row; the SID must agree once the send is recorded (a stale callback is ignored).
    if (!found || (found.provider_message_id && found.provider_message_id !== input.sid)) return undefined;
    if (DELIVERED.has(input.status) && ['queued', 'sent'].includes(found.status)) {
      await updateNotificationRow(tx, found.id, {
        status: 'delivered',
        provider: input.kind,
        provider_message_id: input.sid,
        updated_at: clock.now(),
      });
    }
    return found;
  });
  if (!row) return 'ignored';
  if (DELIVERED.has(input.status)) return 'delivered';
  const what = input.kind === 'sms' ? 'The SMS' : 'The call';
  await failNotification(
    db,
    clock,
    row.id,
    `${what} ${FAILURE_WORDS[input.status]} (Twilio status ${input.status}${input.errorCode ? `, error ${input.errorCode}` : ''})`,
  );
  return 'failed';
}
