/**
 * The only SQL for emailed reports' tables: analytics_report_subscriptions
 * and analytics_report_deliveries (migration 0023).
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { AnalyticsReportSubscriptionsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type SubscriptionRow = Selectable<AnalyticsReportSubscriptionsTable> & { last_sent_at: Date | null };

const withLastSent = (db: Db) =>
  db
    .selectFrom('analytics_report_subscriptions as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('analytics_report_deliveries as d')
        .whereRef('d.subscription_id', '=', 's.id')
        .select((e) => e.fn.max('d.sent_at').as('m'))
        .as('last_sent_at'),
    );

export async function listSubscriptionRows(db: Db): Promise<SubscriptionRow[]> {
  return (await withLastSent(db).orderBy('s.created_at').execute()) as SubscriptionRow[];
}

export async function findSubscriptionRow(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return (await withLastSent(db).where('s.id', '=', id).executeTakeFirst()) as SubscriptionRow | undefined;
}

/** The row locked for the rest of the transaction (planning a period, changing it). */
export async function lockSubscriptionRow(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('analytics_report_subscriptions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertSubscriptionRow(db: Db, row: Insertable<AnalyticsReportSubscriptionsTable>) {
  await db.insertInto('analytics_report_subscriptions').values(row).execute();
}

export async function updateSubscriptionRow(db: Db, id: string, patch: Updateable<AnalyticsReportSubscriptionsTable>) {
  await db.updateTable('analytics_report_subscriptions').set(patch).where('id', '=', id).execute();
}

export async function deleteSubscriptionRow(db: Db, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const result = await db.deleteFrom('analytics_report_subscriptions').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function hasDelivery(db: Db, subscriptionId: string, month: string, recipient: string) {
  const row = await db
    .selectFrom('analytics_report_deliveries')
    .select('sent_at')
    .where('subscription_id', '=', subscriptionId)
    .where('month', '=', month)
    .where('recipient', '=', recipient)
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordDelivery(db: Db, subscriptionId: string, month: string, recipient: string, at: Date) {
  await db
    .insertInto('analytics_report_deliveries')
    .values({ subscription_id: subscriptionId, month, recipient, sent_at: at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
