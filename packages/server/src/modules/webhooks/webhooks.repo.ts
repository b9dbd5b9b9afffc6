/** The only SQL on webhook_subscriptions and webhook_deliveries. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { insertDeferrable } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../../db/schema.js';

export type SubscriptionRow = Selectable<WebhookSubscriptionsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

export async function insertSubscription(db: Db, row: Insertable<WebhookSubscriptionsTable>): Promise<SubscriptionRow> {
  return db.insertInto('webhook_subscriptions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSubscriptionRow(
  db: Db,
  id: string,
  patch: Updateable<WebhookSubscriptionsTable>,
): Promise<SubscriptionRow | undefined> {
  return db.updateTable('webhook_subscriptions').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteSubscriptionRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
}

export async function findSubscriptionRow(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** Every enabled subscription, in id order. */
export async function selectEnabledSubscriptions(db: Db): Promise<SubscriptionRow[]> {
  return enabledSubscriptionRows(db, {});
}

const enabledSubscriptionRows = compiledOnce((db: Db) =>
  db.selectFrom('webhook_subscriptions').selectAll().where('enabled', '=', true).orderBy('id'),
);

/** Written at the commit in a fail-fast batch (db/batch.ts), at once anywhere else. */
export async function insertDeliveryDeferrable(db: Db, row: Insertable<WebhookDeliveriesTable>): Promise<void> {
  await insertDeferrable(db, 'webhook_deliveries', row);
}

export async function insertDelivery(db: Db, row: Insertable<WebhookDeliveriesTable>): Promise<DeliveryRow> {
  return db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDeliveryRow(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDeliveryRow(
  db: Db,
  id: string,
  patch: Updateable<WebhookDeliveriesTable>,
): Promise<DeliveryRow | undefined> {
  return db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

/** A subscription's deliveries newest first (ids are time-ordered), older than `beforeId` when given. */
export async function selectDeliveryPage(
  db: Db,
  subscriptionId: string,
  limit: number,
  beforeId?: string,
): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('subscription_id', '=', subscriptionId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.orderBy('id', 'desc').limit(limit).execute();
}
