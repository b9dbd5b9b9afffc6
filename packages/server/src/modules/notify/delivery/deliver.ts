/**
 * The 'notify.deliver' job: one message to one contact method. In a short
 * transaction it decides (skip if the incident is no longer triggered, hold
 * for a bundle if the method is flooded, give an SMS its reply code); then it
 * calls the provider outside any transaction; then it records the result and
 * writes the timeline. Lease mode: at least once, the row's status making a
 * repeat after success a no-op.
 */
import { inTransaction, type Db } from '../../../db/client.js';
import { enqueueJob } from '../../../db/outbox.js';
import type { Clock } from '../../../lib/clock.js';
import { addTimelineEntry, getIncidentSummary, type IncidentSummary } from '../../incidents/index.js';
import { findMethodWithOwner, type ContactMethodRow } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { keyFor } from '../notify.deps.js';
import { countRecentSends, findNotification, lockForSending, updateNotificationRow, type NotificationRow } from '../notifications.repo.js';
import { verificationCode, verificationExpiry } from '../verification-code.js';
import { composeForMethod, providerFor, type ComposeContext } from './compose.js';
import { describeMethod } from './describe.js';
import type { HandoffDetails } from './handoffs.js';
import { BUNDLE_JOB, NOTIFY_ACTOR, type BundlePayload } from './jobs.js';
import { allocateReplyCode } from './reply-codes.js';
import { bundleAt, isThrottled, windowStart } from './throttle.js';

type Decision = { send: false } | { send: true; row: NotificationRow; method: ContactMethodRow; ownerName: string; context: ComposeContext };

const skip = async (db: Db, clock: Clock, row: NotificationRow, attempt: number, why: string): Promise<Decision> => {
  await updateNotificationRow(db, row.id, { status: 'skipped', error: why, attempts: attempt, updated_at: clock.now() });
  return { send: false };
};

async function holdForBundle(db: Db, clock: Clock, deps: NotifyDeps, row: NotificationRow, method: ContactMethodRow, ownerName: string, recent: number): Promise<Decision> {
  const now = clock.now();
  const at = bundleAt(now, deps.settings.throttle);
  await updateNotificationRow(db, row.id, { status: 'bundled', updated_at: now });
  await enqueueJob(db, {
    kind: BUNDLE_JOB,
    key: `${BUNDLE_JOB}:${method.id}:${at.toISOString()}`,
    payload: { contactMethodId: method.id, at: at.toISOString() } satisfies BundlePayload,
    runAt: at,
    maxAttempts: 3,
  }, now);
  await addTimelineEntry(db, clock, row.incident_id!, NOTIFY_ACTOR, {
    kind: 'notification_bundled',
    message: `Held back ${describeMethod(method)} to ${ownerName}: ${recent} messages in the last ${deps.settings.throttle.windowMinutes} minutes, so this one goes out in a summary at ${at.toISOString().slice(11, 16)} UTC`,
    data: { notificationId: row.id, bundleAt: at.toISOString() },
  });
  return { send: false };
}

async function decide(db: Db, clock: Clock, deps: NotifyDeps, notificationId: string, attempt: number): Promise<Decision> {
  return inTransaction(db, async (tx) => {
    const row = await findNotification(tx, notificationId, { forUpdate: true });
    if (!row || row.status !== 'queued') return { send: false };
    const found = row.contact_method_id ? await findMethodWithOwner(tx, row.contact_method_id) : undefined;
    if (!found) return skip(tx, clock, row, attempt, 'The contact method was deleted before the message went out');
    const { method, owner } = found;
    const ownerName = owner?.name ?? 'a deleted user';
    const counted = async (context: ComposeContext): Promise<Decision> => {
      const current = await updateNotificationRow(tx, row.id, { attempts: attempt, updated_at: clock.now() });
      return { send: true, row: current, method, ownerName, context };
    };
    if (row.kind === 'verification') {
      const current = method.verification_expires_at?.getTime() === verificationExpiry(row.created_at).getTime();
      if (method.verified_at || !current) return skip(tx, clock, row, attempt, 'A newer code was requested, or the method is already verified');
      return counted({ verificationCode: verificationCode(await keyFor(deps, 'verification-codes'), method.id, row.created_at) });
    }
    if (row.kind === 'test') return counted({});
    if (row.kind === 'handoff') return counted({ handoff: row.details as HandoffDetails });
    // A page.
    const incident = row.incident_id ? await getIncidentSummary(tx, row.incident_id) : undefined;
    if (!incident) return skip(tx, clock, row, attempt, 'The incident no longer exists');
    if (incident.status !== 'triggered') return skip(tx, clock, row, attempt, `Incident #${incident.number} is already ${incident.status}`);
    if (!method.verified_at || method.disabled_at) return skip(tx, clock, row, attempt, 'The contact method is no longer verified and enabled');
    if (owner?.isDisabled !== false) return skip(tx, clock, row, attempt, 'The person was disabled or deleted');
    // A retry keeps the slot and reply code its first attempt took.
    if (row.sent_at !== null) return counted({ incident });
    // First attempt: take a slot in the method's throttle window, or wait for the bundle.
    await lockForSending(tx, method);
    const now = clock.now();
    const recent = await countRecentSends(tx, method.id, windowStart(now, deps.settings.throttle));
    if (isThrottled(recent, deps.settings.throttle)) return holdForBundle(tx, clock, deps, row, method, ownerName, recent);
    const replyCode = method.type === 'sms' ? ((await allocateReplyCode(tx, clock, method.address, incident.id)) ?? null) : null;
    const current = await updateNotificationRow(tx, row.id, { attempts: attempt, sent_at: now, reply_code: replyCode, updated_at: now });
    return { send: true, row: current, method, ownerName, context: { incident } };
  });
}

/** Records a successful send unless something (a status callback) already moved the row on. */
async function recordSent(db: Db, clock: Clock, row: NotificationRow, method: ContactMethodRow, ownerName: string, providerMessageId: string, incident: IncidentSummary | undefined) {
  await inTransaction(db, async (tx) => {
    const now = clock.now();
    const updated = await tx
      .updateTable('notifications')
      .set({ status: 'sent', provider: method.type, provider_message_id: providerMessageId, sent_at: now, error: null, updated_at: now })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0 || row.kind !== 'page' || !incident) return;
    await addTimelineEntry(tx, clock, incident.id, NOTIFY_ACTOR, {
      kind: 'notified',
      message: `Notified ${ownerName} by ${describeMethod(method)}`,
      data: { notificationId: row.id, userId: row.user_id, contactMethodId: method.id, type: method.type },
    });
  });
}

export async function deliverNotification(db: Db, clock: Clock, deps: NotifyDeps, notificationId: string, attempt: { number: number; max: number }): Promise<void> {
  const decision = await decide(db, clock, deps, notificationId, attempt.number);
  if (!decision.send) return;
  const { row, method, ownerName, context } = decision;
  let providerMessageId: string;
  try {
    const message = await composeForMethod(deps, clock, row, method, context);
    ({ providerMessageId } = await providerFor(deps, method.type).send(message, row.idempotency_key));
  } catch (error) {
    const reason = (error as Error).message;
    await updateNotificationRow(db, row.id, { error: reason.slice(0, 2000), updated_at: clock.now() });
    if (row.kind === 'page' && row.incident_id && attempt.number < attempt.max) {
      await addTimelineEntry(db, clock, row.incident_id, NOTIFY_ACTOR, {
        kind: 'notification_retrying',
        message: `${describeMethod(method)} to ${ownerName} failed (attempt ${attempt.number} of ${attempt.max}), retrying: ${reason}`,
        data: { notificationId: row.id, attempt: attempt.number },
      });
    }
    throw error;
  }
  await recordSent(db, clock, row, method, ownerName, providerMessageId, context.incident);
}
