/**
 * Sending one delivery (a lease job: outside the transaction, at least once):
 * the JSON body POSTed to the subscription's URL, signed with its key:
 *   Tocsin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>
 *   Tocsin-Event: <event name>
 *   Idempotency-Key: <event id>
 * 2xx is delivered. 5xx, 408, 429, a timeout or a connection error is retried
 * through the durable queue (thrown); any other answer, or a destination the
 * outbound-address guard refuses, fails at once.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import { isPrivateIncident, loadIncident, type Incident } from '../incidents/index.js';
import {
  fetchWithTimeout,
  isPrivateRefusal,
  type ProviderResponse,
  userChosenDestination,
  webhookSignature,
} from '../notify/index.js';
import { findDeliveryRow, findSubscriptionRow, updateDeliveryRow, type DeliveryRow } from './webhooks.repo.js';
import { subscriptionKeyPurpose, type WebhooksDeps } from './webhooks.types.js';

/** Why a delivery is retried: thrown to the job queue, which backs off and tries again. */
export class RetryableDeliveryError extends Error {
  override readonly name = 'RetryableDeliveryError';
}

/** Whether an HTTP status is worth trying again (the receiver was busy or broken, not refusing). */
export const isRetryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** The incident as it is now; null when it no longer exists. */
async function currentIncident(db: Db, incidentId: string | null): Promise<Incident | null> {
  if (!incidentId) return null;
  try {
    return await loadIncident(db, incidentId);
  } catch {
    return null;
  }
}

/** The body every attempt sends: `id`, `event` and `occurredAt` never change; `incident` is read when sending. */
export async function webhookBody(db: Db, row: DeliveryRow): Promise<Record<string, unknown>> {
  return {
    id: row.event_id,
    event: row.event,
    occurredAt: row.occurred_at.toISOString(),
    data: row.data,
    incident: await currentIncident(db, row.incident_id),
  };
}

interface Outcome {
  status: 'pending' | 'delivered' | 'failed';
  statusCode: number | null;
  error: string | null;
}

async function record(db: Db, clock: Clock, row: DeliveryRow, attempt: number, outcome: Outcome, durationMs: number) {
  await updateDeliveryRow(db, row.id, {
    status: outcome.status,
    attempts: attempt,
    status_code: outcome.statusCode,
    duration_ms: Math.round(durationMs),
    error: outcome.error,
    updated_at: clock.now(),
  });
}

/** One attempt at a delivery; `attempt` is the job's attempt number (1 for the first). */
export async function deliverWebhook(
  db: Db,
  clock: Clock,
  deps: WebhooksDeps,
  deliveryId: string,
  attempt: number,
): Promise<void> {
  const row = await findDeliveryRow(db, deliveryId);
  if (!row || row.status !== 'pending') return; // the subscription was deleted, or a redelivered lease already settled it
  const subscription = await findSubscriptionRow(db, row.subscription_id);
  if (!subscription) return;
  if (!subscription.enabled) {
    await record(
      db,
      clock,
      row,
      row.attempts,
      { status: 'failed', statusCode: null, error: 'The subscription is disabled' },
      0,
    );
    return;
  }
  if (!subscription.include_private && row.incident_id && (await isPrivateIncident(db, row.incident_id))) {
    await record(
      db,
      clock,
      row,
      row.attempts,
      {
        status: 'failed',
        statusCode: null,
        error: 'The incident is private, and this subscription does not include private incidents',
      },
      0,
    );
    return;
  }
  let destination;
  try {
    destination = userChosenDestination('webhook', subscription.url, deps.allowPrivateAddresses);
  } catch (error) {
    await record(db, clock, row, attempt, { status: 'failed', statusCode: null, error: (error as Error).message }, 0);
    return;
  }
  const body = JSON.stringify(await webhookBody(db, row));
  const key = await deps.signingKey(subscriptionKeyPurpose(subscription.id, subscription.secret_version));
  const t = Math.floor(clock.now().getTime() / 1000);
  const started = performance.now();
  let response: ProviderResponse;
  try {
    response = await fetchWithTimeout(
      'webhook',
      `The webhook at ${new URL(subscription.url).host}`,
      subscription.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tocsin-Webhook/1',
          'tocsin-signature': webhookSignature(key, t, body),
          'tocsin-event': row.event,
          'idempotency-key': row.event_id,
        },
        body,
      },
      deps.timeoutMs,
      destination,
    );
  } catch (error) {
    const message = (error as Error).message;
    // The guard refusing a host name that resolved to a private address is as final as a refused literal.
    const isRefused = isPrivateRefusal(error);
    const status = isRefused ? 'failed' : 'pending';
    await record(db, clock, row, attempt, { status, statusCode: null, error: message }, performance.now() - started);
    if (isRefused) return;
    throw new RetryableDeliveryError(message, { cause: error });
  }
  const text = await response.text().catch(() => '');
  const durationMs = performance.now() - started;
  if (response.ok) {
    await record(
      db,
      clock,
      row,
      attempt,
      { status: 'delivered', statusCode: response.status, error: null },
      durationMs,
    );
    return;
  }
  const error = `The webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  const retry = isRetryableStatus(response.status);
  await record(
    db,
    clock,
    row,
    attempt,
    { status: retry ? 'pending' : 'failed', statusCode: response.status, error },
    durationMs,
  );
  if (retry) throw new RetryableDeliveryError(error);
}

/** The queue gave up after the last attempt: the log says failed, with the last error. */
export async function failWebhookDelivery(db: Db, clock: Clock, deliveryId: string, message: string): Promise<void> {
  await updateDeliveryRow(db, deliveryId, { status: 'failed', error: message, updated_at: clock.now() });
}
