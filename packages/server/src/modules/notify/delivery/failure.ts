/**
 * When a message cannot be delivered (the last retry failed, or Twilio
 * reports it failed): mark it failed, say so on the incident timeline, and
 * fall back to the person's next verified method not yet used in this
 * escalation step, sent at once.
 */
import { inTransaction, type Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { getIncidentSummary } from '../../incidents/index.js';
import { appendTimelineEntry } from '../../timeline/index.js';
import { findContactMethod, selectUsableMethods } from '../contact-methods.repo.js';
import {
  findNotification,
  selectBundleMembers,
  selectMethodsUsedInStep,
  updateNotificationRow,
  type NotificationRow,
} from '../notifications.repo.js';
import { describeMethod, userName } from './describe.js';
import { notifyWriter, queueNotification, stepPrefix } from './jobs.js';

/** Queues the next unused method for the person paged by `row`, or notes that there is none. */
export async function fallBack(db: Db, clock: Clock, row: NotificationRow): Promise<void> {
  if (!row.incident_id || !row.user_id) return;
  const incident = await getIncidentSummary(db, row.incident_id);
  if (incident?.status !== 'triggered') return;
  const prefix = stepPrefix(row);
  if (!prefix) return;
  const used = new Set(await selectMethodsUsedInStep(db, prefix));
  if (row.contact_method_id) used.add(row.contact_method_id);
  const next = (await selectUsableMethods(db, [row.user_id])).find((m) => !used.has(m.id));
  const name = await userName(db, row.user_id);
  if (!next) {
    await appendTimelineEntry(db, notifyWriter(clock), row.incident_id, {
      kind: 'notification_fallback',
      message: `${name} has no other verified contact method to fall back to`,
      data: { notificationId: row.id, userId: row.user_id },
    });
    return;
  }
  const queued = await queueNotification(db, clock, {
    idempotency_key: `${prefix}fallback-${next.id}`,
    kind: 'page',
    incident_id: row.incident_id,
    user_id: row.user_id,
    contact_method_id: next.id,
    channel_id: null,
    send_at: clock.now(),
  });
  if (queued) {
    await appendTimelineEntry(db, notifyWriter(clock), row.incident_id, {
      kind: 'notification_fallback',
      message: `Falling back to ${describeMethod(next)} for ${name}`,
      data: { notificationId: queued.id, failedNotificationId: row.id, contactMethodId: next.id },
    });
  }
}

async function notePageFailure(
  db: Db,
  clock: Clock,
  row: NotificationRow,
  what: string,
  reason: string,
): Promise<void> {
  if (!row.incident_id) return;
  await appendTimelineEntry(db, notifyWriter(clock), row.incident_id, {
    kind: 'notification_failed',
    message: `${what} to ${await userName(db, row.user_id)} failed: ${reason}`,
    data: { notificationId: row.id, userId: row.user_id, contactMethodId: row.contact_method_id },
  });
  await fallBack(db, clock, row);
}

/** Marks a notification failed with the vendor's reason and acts on it. Idempotent. */
export async function failNotification(db: Db, clock: Clock, notificationId: string, reason: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await findNotification(tx, notificationId, { forUpdate: true });
    if (!row || !['queued', 'sent'].includes(row.status)) return;
    await updateNotificationRow(tx, row.id, {
      status: 'failed',
      error: reason.slice(0, 2000),
      updated_at: clock.now(),
    });
    const method = row.contact_method_id ? await findContactMethod(tx, row.contact_method_id) : undefined;
    const what = method ? describeMethod(method) : 'A message';
    if (row.kind === 'page') await notePageFailure(tx, clock, row, what, reason);
    if (row.kind === 'bundle') {
      for (const member of await selectBundleMembers(tx, row.id))
        await notePageFailure(tx, clock, member, `The summary by ${what}`, reason);
    }
  });
}
