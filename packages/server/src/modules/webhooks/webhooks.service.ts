/** Use cases on webhook subscriptions (admin only): create, read, change, delete, rotate the secret, read the log, redeliver. */
import { inTransaction, type Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { isUuid, newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { queueDeliveryJob } from './webhooks.plan.js';
import {
  deleteSubscriptionRow,
  findDeliveryRow,
  findSubscriptionRow,
  insertDelivery,
  insertSubscription,
  selectDeliveryPage,
  selectSubscriptions,
  updateSubscriptionRow,
  type DeliveryRow,
  type SubscriptionRow,
} from './webhooks.repo.js';
import {
  CreateWebhookSchema,
  parseWebhookInput,
  UpdateWebhookSchema,
  WebhookDeliveryQuerySchema,
  type CreateWebhookInput,
  type UpdateWebhookInput,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookDeliveryQuery,
  type WebhookSubscription,
  type WebhookSubscriptionWithSecret,
} from './webhooks.schema.js';
import { subscriptionKeyPurpose, type WebhookEventName, type WebhooksDeps } from './webhooks.types.js';

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventName[] | null,
    enabled: row.enabled,
    description: row.description,
    includePrivate: row.include_private,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    event: row.event as WebhookEventName,
    incidentId: row.incident_id,
    status: row.status,
    attempts: row.attempts,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function requireSubscription(db: Db, id: string): Promise<SubscriptionRow> {
  const row = isUuid(id) ? await findSubscriptionRow(db, id) : undefined;
  if (!row) throw notFound('Webhook subscription', id);
  return row;
}

const withSecret = async (deps: WebhooksDeps, row: SubscriptionRow): Promise<WebhookSubscriptionWithSecret> => ({
  ...toSubscription(row),
  secret: await deps.signingKey(subscriptionKeyPurpose(row.id, row.secret_version)),
});

export async function listWebhooks(ctx: Ctx): Promise<WebhookSubscription[]> {
  requireRole(ctx.actor, 'admin', 'read webhook subscriptions');
  return (await selectSubscriptions(ctx.db)).map(toSubscription);
}

export async function getWebhook(ctx: Ctx, id: string): Promise<WebhookSubscription> {
  requireRole(ctx.actor, 'admin', 'read webhook subscriptions');
  return toSubscription(await requireSubscription(ctx.db, id));
}

/** The answer carries the signing secret: the only time it is shown. */
export async function createWebhook(
  ctx: Ctx,
  deps: WebhooksDeps,
  input: CreateWebhookInput,
): Promise<WebhookSubscriptionWithSecret> {
  requireRole(ctx.actor, 'admin', 'create webhook subscriptions');
  const { includePrivate, ...data } = parseWebhookInput(CreateWebhookSchema, input);
  const row = await inTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    const created = await insertSubscription(tx, {
      id: newId(now),
      ...data,
      include_private: includePrivate,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'webhook.created',
      entityType: 'webhook_subscription',
      entityId: created.id,
      after: toSubscription(created),
    });
    return created;
  });
  return withSecret(deps, row);
}

export async function updateWebhook(ctx: Ctx, id: string, input: UpdateWebhookInput): Promise<WebhookSubscription> {
  requireRole(ctx.actor, 'admin', 'change webhook subscriptions');
  const { includePrivate, ...data } = parseWebhookInput(UpdateWebhookSchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await requireSubscription(tx, id);
    const row = await updateSubscriptionRow(tx, before.id, {
      ...data,
      ...(includePrivate !== undefined && { include_private: includePrivate }),
      updated_at: ctx.clock.now(),
    });
    const after = toSubscription(row!);
    await recordAudit(withDb(ctx, tx), {
      action: 'webhook.updated',
      entityType: 'webhook_subscription',
      entityId: before.id,
      before: toSubscription(before),
      after,
    });
    return after;
  });
}

export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete webhook subscriptions');
  await inTransaction(ctx.db, async (tx) => {
    const before = await requireSubscription(tx, id);
    await deleteSubscriptionRow(tx, before.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'webhook.deleted',
      entityType: 'webhook_subscription',
      entityId: before.id,
      before: toSubscription(before),
    });
  });
}

/** A new signing secret, shown once; the old one stops signing at once (deliveries still queued use the new one). */
export async function rotateWebhookSecret(
  ctx: Ctx,
  deps: WebhooksDeps,
  id: string,
): Promise<WebhookSubscriptionWithSecret> {
  requireRole(ctx.actor, 'admin', 'rotate webhook secrets');
  const row = await inTransaction(ctx.db, async (tx) => {
    const before = await requireSubscription(tx, id);
    const rotated = await updateSubscriptionRow(tx, before.id, {
      secret_version: before.secret_version + 1,
      updated_at: ctx.clock.now(),
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'webhook.secret_rotated',
      entityType: 'webhook_subscription',
      entityId: before.id,
    });
    return rotated!;
  });
  return withSecret(deps, row);
}

/** A subscription's delivery log, newest first, a page at a time. */
export async function listWebhookDeliveries(
  ctx: Ctx,
  id: string,
  query: WebhookDeliveryQuery = {},
): Promise<WebhookDeliveryPage> {
  requireRole(ctx.actor, 'admin', 'read webhook deliveries');
  const page = parseWebhookInput(WebhookDeliveryQuerySchema, query);
  const subscription = await requireSubscription(ctx.db, id);
  const rows = await selectDeliveryPage(ctx.db, subscription.id, page.limit, page.cursor);
  return {
    items: rows.map(toDelivery),
    nextCursor: rows.length === page.limit ? rows[rows.length - 1]!.id : null,
  };
}

/** Sends a delivery's event again, as a new delivery with the same event id (receivers may deduplicate on it). */
export async function redeliverWebhook(ctx: Ctx, id: string, deliveryId: string): Promise<WebhookDelivery> {
  requireRole(ctx.actor, 'admin', 'redeliver webhooks');
  return inTransaction(ctx.db, async (tx) => {
    const subscription = await requireSubscription(tx, id);
    const original = isUuid(deliveryId) ? await findDeliveryRow(tx, deliveryId) : undefined;
    if (!original || original.subscription_id !== subscription.id) throw notFound('Webhook delivery', deliveryId);
    const now = ctx.clock.now();
    const row = await insertDelivery(tx, {
      ...original,
      id: newId(now),
      data: JSON.stringify(original.data),
      status: 'pending',
      attempts: 0,
      status_code: null,
      duration_ms: null,
      error: null,
      created_at: now,
      updated_at: now,
    });
    await queueDeliveryJob(tx, row.id, now);
    await recordAudit(withDb(ctx, tx), {
      action: 'webhook.redelivered',
      entityType: 'webhook_subscription',
      entityId: subscription.id,
      after: { deliveryId: row.id, of: original.id, eventId: row.event_id },
    });
    return toDelivery(row);
  });
}
