/**
 * Planning deliveries from incident events: inside the publishing
 * transaction, one delivery row and one durable job per receiving
 * subscription, so the event and its deliveries commit together.
 */
import type { Db } from '../../db/client.js';
import { rememberedRead } from '../../db/remembered.js';
import { enqueueJob, enqueueJobDeferrable, type EnqueueJob } from '../../db/outbox.js';
import type { Clock } from '../../lib/clock.js';
import { isPrivateIncident } from '../incidents/index.js';
import { newId } from '../../lib/ids.js';
import { transactionValue } from '../../db/context.js';
import { insertDeliveryDeferrable, selectEnabledSubscriptions, type SubscriptionRow } from './webhooks.repo.js';
import {
  DELIVER_WEBHOOK_JOB,
  WEBHOOK_MAX_ATTEMPTS,
  type DeliverWebhookPayload,
  type IncidentEventPayload,
  type WebhookEventName,
} from './webhooks.types.js';

/**
 * The one place that decides which subscriptions receive an incident event.
 * A private incident (ADR 18) reaches only those with includePrivate.
 * (Delivery checks again: an incident declared private was opened, and its
 * first event planned, before its response was written.)
 */
export async function subscriptionsReceiving(
  db: Db,
  event: WebhookEventName,
  incidentId: string,
): Promise<SubscriptionRow[]> {
  const subscriptions = (await enabledSubscriptions(db)).filter((s) => s.events === null || s.events.includes(event));
  // Most events reach no subscription: ask about privacy only when one would receive it (this runs for every page).
  if (subscriptions.length === 0 || !(await isPrivateIncident(db, incidentId))) return subscriptions;
  return subscriptions.filter((s) => s.include_private);
}

/** The enabled subscriptions as this node remembers them while they do not change (db/remembered.ts). */
const rememberedSubscriptions = rememberedRead('webhook_subscriptions', selectEnabledSubscriptions);

/**
 * The enabled subscriptions, read once per transaction: an ingest batch
 * publishes an event for every incident it opens, and every page is one.
 * (Subscriptions are never edited in a transaction that publishes.)
 */
async function enabledSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  const KEY = 'webhooks.enabled-subscriptions';
  let rows = transactionValue.get<SubscriptionRow[]>(db, KEY);
  if (!rows) {
    rows = await rememberedSubscriptions(db);
    transactionValue.set(db, KEY, rows);
  }
  return rows;
}

export const deliveryJob = (deliveryId: string, runAt: Date): EnqueueJob => ({
  kind: DELIVER_WEBHOOK_JOB,
  key: `${DELIVER_WEBHOOK_JOB}:${deliveryId}`,
  payload: { deliveryId } satisfies DeliverWebhookPayload,
  runAt,
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
});

/** Plans one delivery per receiving subscription; all of them carry the same event id. */
export async function planWebhookDeliveries(
  db: Db,
  clock: Clock,
  event: WebhookEventName,
  payload: IncidentEventPayload,
): Promise<void> {
  const subscriptions = await subscriptionsReceiving(db, event, payload.incidentId);
  if (subscriptions.length === 0) return;
  const now = clock.now();
  const eventId = newId(now);
  for (const subscription of subscriptions) {
    const id = newId(now);
    await insertDeliveryDeferrable(db, {
      id,
      subscription_id: subscription.id,
      event_id: eventId,
      event,
      incident_id: payload.incidentId,
      occurred_at: now,
      data: JSON.stringify(payload),
      status: 'pending',
      status_code: null,
      duration_ms: null,
      error: null,
      created_at: now,
      updated_at: now,
    });
    await enqueueJobDeferrable(db, deliveryJob(id, now), now);
  }
}

/** Queues a delivery written at once (a redelivery). */
export async function queueDeliveryJob(db: Db, deliveryId: string, now: Date): Promise<void> {
  await enqueueJob(db, deliveryJob(deliveryId, now), now);
}
