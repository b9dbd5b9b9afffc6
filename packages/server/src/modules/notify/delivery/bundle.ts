/**
 * The 'notify.bundle' job: at the end of a throttle window, the pages held
 * back for one contact method go out as one summary ("You have 12 new
 * incidents: #41 ..."). Pages whose incident no longer needs them are
 * dropped (acknowledged; or resolved, for a role, a hand-off or a reminder:
 * reasons.ts). The held pages point at the summary that carried them
 * (provider_message_id = the summary's notification id).
 */
import { inTransaction, type Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { newId } from '../../../lib/ids.js';
import { getIncidentSummary, type IncidentSummary } from '../../incidents/index.js';
import { appendTimelineEntries } from '../../timeline/index.js';
import { findContactMethod, type ContactMethodRow } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import {
  findNotificationByKey,
  insertNotification,
  selectBundleMembers,
  selectHeldPages,
  updateNotificationRow,
  type NotificationRow,
} from '../notifications.repo.js';
import { composeForMethod, providerFor } from './compose.js';
import { describeMethod, userName } from './describe.js';
import { BUNDLE_JOB, notifyWriter, type BundlePayload } from './jobs.js';
import { isPageDue, pageReasonOf } from './reasons.js';

interface Plan {
  bundle: NotificationRow;
  method: ContactMethodRow;
  items: Array<{ row: NotificationRow; incident: IncidentSummary }>;
}

async function plan(db: Db, clock: Clock, payload: BundlePayload): Promise<Plan | undefined> {
  return inTransaction(db, async (tx) => {
    const method = await findContactMethod(tx, payload.contactMethodId);
    if (!method) return undefined;
    const key = `${BUNDLE_JOB}:${method.id}:${payload.at}`;
    const now = clock.now();
    let bundle = await findNotificationByKey(tx, key, { forUpdate: true });
    if (!bundle) {
      const held = await selectHeldPages(tx, method.id, now);
      if (held.length === 0) return undefined;
      bundle = (await insertNotification(tx, {
        id: newId(now),
        idempotency_key: key,
        kind: 'bundle',
        incident_id: null,
        user_id: method.user_id,
        contact_method_id: method.id,
        channel_id: null,
        status: 'queued',
        send_at: now,
        // counts toward the next window's throttle like any other message
        sent_at: now,
        created_at: now,
        updated_at: now,
      }))!;
      for (const row of held)
        await updateNotificationRow(tx, row.id, {
          provider: method.type,
          provider_message_id: bundle.id,
          updated_at: now,
        });
    }
    if (bundle.status !== 'queued') return undefined;
    const items: Plan['items'] = [];
    for (const row of await selectBundleMembers(tx, bundle.id)) {
      const incident = row.incident_id ? await getIncidentSummary(tx, row.incident_id) : undefined;
      if (incident && isPageDue(pageReasonOf(row.details), incident.status)) items.push({ row, incident });
      else
        await updateNotificationRow(tx, row.id, {
          status: 'skipped',
          error: `Incident is ${incident?.status ?? 'gone'}`,
          updated_at: now,
        });
    }
    items.sort((a, b) => a.incident.number - b.incident.number);
    if (items.length === 0) {
      await updateNotificationRow(tx, bundle.id, {
        status: 'skipped',
        error: 'Every held incident was acknowledged or resolved meanwhile',
        updated_at: now,
      });
      return undefined;
    }
    return { bundle, method, items };
  });
}

export async function sendBundle(db: Db, clock: Clock, deps: NotifyDeps, payload: BundlePayload): Promise<void> {
  const planned = await plan(db, clock, payload);
  if (!planned) return;
  const { bundle, method, items } = planned;
  let providerMessageId: string;
  try {
    const message = await composeForMethod(deps, clock, bundle, method, { bundle: items });
    ({ providerMessageId } = await providerFor(deps, method.type).send(message, bundle.idempotency_key));
  } catch (error) {
    await updateNotificationRow(db, bundle.id, {
      error: (error as Error).message.slice(0, 2000),
      updated_at: clock.now(),
    });
    throw error;
  }
  await inTransaction(db, async (tx) => {
    const now = clock.now();
    const current = await tx
      .updateTable('notifications')
      .set({
        status: 'sent',
        provider: method.type,
        provider_message_id: providerMessageId,
        sent_at: now,
        error: null,
        updated_at: now,
      })
      .where('id', '=', bundle.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(current.numUpdatedRows) === 0) return;
    const name = await userName(tx, method.user_id);
    for (const { row } of items) await updateNotificationRow(tx, row.id, { sent_at: now, updated_at: now });
    await appendTimelineEntries(
      tx,
      notifyWriter(clock),
      items.map(({ row, incident }) => ({
        incidentId: incident.id,
        entry: {
          kind: 'notified',
          message: `Notified ${name} by ${describeMethod(method)} in a summary of ${items.length} incident${items.length === 1 ? '' : 's'}`,
          data: { notificationId: row.id, bundleId: bundle.id, userId: row.user_id, contactMethodId: method.id },
        },
      })),
    );
  });
}

/** The bundle's notification id for a job payload (for its final-failure handler). */
export async function bundleNotificationId(db: Db, payload: BundlePayload): Promise<string | undefined> {
  return (await findNotificationByKey(db, `${BUNDLE_JOB}:${payload.contactMethodId}:${payload.at}`))?.id;
}
