/** The only SQL on notifications: one row per message Tocsin sends or decides not to send. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { NotificationsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type NotificationRow = Selectable<NotificationsTable>;

/** Inserts unless a row with the same idempotency key exists; returns the new row or undefined. */
export async function insertNotification(db: Db, row: Insertable<NotificationsTable>): Promise<NotificationRow | undefined> {
  return db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findNotification(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<NotificationRow | undefined> {
  if (!isUuid(id)) return undefined;
  let q = db.selectFrom('notifications').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findNotificationByKey(db: Db, idempotencyKey: string, options: { forUpdate?: boolean } = {}): Promise<NotificationRow | undefined> {
  let q = db.selectFrom('notifications').selectAll().where('idempotency_key', '=', idempotencyKey);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findNotificationByProviderId(db: Db, providers: string[], providerMessageId: string): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('provider', 'in', providers)
    .where('provider_message_id', '=', providerMessageId)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateNotificationRow(db: Db, id: string, patch: Updateable<NotificationsTable>): Promise<NotificationRow> {
  return db.updateTable('notifications').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Serialises decisions about sending to one contact method (its throttle and,
 * for SMS, the reply codes of its phone number) across nodes, until commit.
 * An SMS method is locked by its number, which also covers the method.
 */
export async function lockForSending(db: Db, method: { id: string; type: string; address: string }): Promise<void> {
  const key = method.type === 'sms' ? `notify:sms:${method.address}` : `notify:${method.id}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

/** Messages that went (or are going) out to a method since `since`: what the throttle counts. */
export async function countRecentSends(db: Db, contactMethodId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('contact_method_id', '=', contactMethodId)
    .where('kind', 'in', ['page', 'bundle'])
    .where('status', 'in', ['queued', 'sent', 'delivered'])
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pages held back for a method's bundle and not yet summarised, oldest first. */
export async function selectHeldPages(db: Db, contactMethodId: string, upTo: Date): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('contact_method_id', '=', contactMethodId)
    .where('status', '=', 'bundled')
    .where('provider_message_id', 'is', null)
    .where('updated_at', '<=', upTo)
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** The contact methods already planned or used for one user in one escalation step. */
export async function selectMethodsUsedInStep(db: Db, keyPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications')
    .select('contact_method_id')
    .where('idempotency_key', 'like', `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .where('contact_method_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.contact_method_id!))];
}

/** Reply codes given to a phone number since `since`, with their incidents (the caller checks which are still open). */
export async function selectRecentReplyCodes(db: Db, address: string, since: Date): Promise<Array<{ code: string; incidentId: string }>> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('contact_methods as m', 'm.id', 'n.contact_method_id')
    .select(['n.reply_code', 'n.incident_id'])
    .where('m.address', '=', address)
    .where('m.type', '=', 'sms')
    .where('n.reply_code', 'is not', null)
    .where('n.incident_id', 'is not', null)
    .where('n.created_at', '>=', since)
    .execute();
  return rows.map((r) => ({ code: r.reply_code!, incidentId: r.incident_id! }));
}

/** The newest page to this phone number that carried `code`. */
export async function findByReplyCode(db: Db, address: string, code: string): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications as n')
    .innerJoin('contact_methods as m', 'm.id', 'n.contact_method_id')
    .selectAll('n')
    .where('m.address', '=', address)
    .where('m.type', '=', 'sms')
    .where('n.reply_code', '=', code)
    .orderBy('n.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Slack messages posted about an incident (DMs and channel notices), to update when it moves on. */
export async function selectSlackMessages(db: Db, incidentId: string): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('provider', '=', 'slack')
    .where('provider_message_id', 'is not', null)
    .where('status', 'in', ['sent', 'delivered'])
    .orderBy('created_at')
    .execute();
}

export async function selectNotifications(db: Db, filter: { incidentId?: string; userId?: string; limit: number }): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
  if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  return q.execute();
}

/** The newest notification of a kind for a method (resend and test rate limits). */
export async function findLatestForMethod(db: Db, contactMethodId: string, kind: NotificationRow['kind']): Promise<NotificationRow | undefined> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('contact_method_id', '=', contactMethodId)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Pages carried by a bundle message. */
export async function selectBundleMembers(db: Db, bundleId: string): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().where('status', '=', 'bundled').where('provider_message_id', '=', bundleId).orderBy('created_at').execute();
}
