/** The only SQL for status page subscribers, announcers and deliveries (migration 0020). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type {
  StatusPageAnnouncersTable,
  StatusPageDeliveriesTable,
  StatusPageSubscribersTable,
} from '../../db/schema.js';

export type SubscriberRow = Selectable<StatusPageSubscribersTable>;
export type AnnouncerRow = Selectable<StatusPageAnnouncersTable>;
export type DeliveryRow = Selectable<StatusPageDeliveriesTable>;

export async function findSubscriberByTarget(
  db: Db,
  pageId: string,
  kind: SubscriberRow['kind'],
  target: string,
): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('status_page_subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('kind', '=', kind)
    .where('target', '=', target)
    .forUpdate()
    .executeTakeFirst();
}

export async function findSubscriberRow(db: Db, id: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('status_page_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSubscriberByHash(
  db: Db,
  column: 'confirm_token_hash' | 'unsubscribe_token_hash',
  hash: string,
): Promise<SubscriberRow | undefined> {
  return db.selectFrom('status_page_subscribers').selectAll().where(column, '=', hash).executeTakeFirst();
}

export async function insertSubscriber(db: Db, row: Insertable<StatusPageSubscribersTable>): Promise<SubscriberRow> {
  return db.insertInto('status_page_subscribers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSubscriberRow(
  db: Db,
  id: string,
  changes: Updateable<StatusPageSubscribersTable>,
): Promise<void> {
  await db.updateTable('status_page_subscribers').set(changes).where('id', '=', id).execute();
}

export async function deleteSubscriberRow(db: Db, pageId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('status_page_subscribers')
    .where('page_id', '=', pageId)
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function setSubscriberComponents(db: Db, subscriberId: string, componentIds: string[]): Promise<void> {
  await db.deleteFrom('status_page_subscriber_components').where('subscriber_id', '=', subscriberId).execute();
  if (componentIds.length === 0) return;
  await db
    .insertInto('status_page_subscriber_components')
    .values(componentIds.map((component_id) => ({ subscriber_id: subscriberId, component_id })))
    .execute();
}

export interface SubscriberListRow extends SubscriberRow {
  component_ids: string[];
  sent: number;
}

/** A page's subscribers with their chosen components and how many updates each was sent, newest first. */
export async function selectSubscribers(db: Db, pageId: string): Promise<SubscriberListRow[]> {
  return db
    .selectFrom('status_page_subscribers as s')
    .selectAll('s')
    .select((eb) => [
      eb
        .fn<string[]>('array', [
          eb
            .selectFrom('status_page_subscriber_components as c')
            .select('c.component_id')
            .whereRef('c.subscriber_id', '=', 's.id'),
        ])
        .as('component_ids'),
      eb
        .selectFrom('status_page_deliveries as d')
        .select((d) => d.fn.countAll<string>().as('n'))
        .whereRef('d.recipient_id', '=', 's.id')
        .where('d.status', '=', 'sent')
        .as('sent'),
    ])
    .where('s.page_id', '=', pageId)
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, sent: Number(r.sent ?? 0) })) as SubscriberListRow[]);
}

/**
 * The confirmed subscribers of a page told about a page incident: those of
 * all components, and those who chose one of the components it affects.
 */
export async function selectRecipients(db: Db, pageId: string, componentIds: string[]): Promise<SubscriberRow[]> {
  return db
    .selectFrom('status_page_subscribers as s')
    .selectAll('s')
    .where('s.page_id', '=', pageId)
    .where('s.confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('s.all_components', '=', true),
        ...(componentIds.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom('status_page_subscriber_components as c')
                  .select('c.component_id')
                  .whereRef('c.subscriber_id', '=', 's.id')
                  .where('c.component_id', 'in', componentIds),
              ),
            ]
          : []),
      ]),
    )
    .execute();
}

export async function selectAnnouncers(db: Db, pageId: string): Promise<AnnouncerRow[]> {
  return db.selectFrom('status_page_announcers').selectAll().where('page_id', '=', pageId).orderBy('kind').execute();
}

export async function findAnnouncerRow(db: Db, id: string): Promise<AnnouncerRow | undefined> {
  return db.selectFrom('status_page_announcers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function upsertAnnouncer(db: Db, row: Insertable<StatusPageAnnouncersTable>): Promise<void> {
  await db
    .insertInto('status_page_announcers')
    .values(row)
    .onConflict((oc) => oc.columns(['page_id', 'kind']).doUpdateSet({ url: row.url, updated_at: row.updated_at }))
    .execute();
}

export async function deleteAnnouncer(db: Db, pageId: string, kind: AnnouncerRow['kind']): Promise<void> {
  await db.deleteFrom('status_page_announcers').where('page_id', '=', pageId).where('kind', '=', kind).execute();
}

/** Adds the delivery rows not there yet; answers the ones this call added. */
export async function insertDeliveries(
  db: Db,
  rows: Array<Insertable<StatusPageDeliveriesTable>>,
): Promise<Array<{ id: string }>> {
  if (rows.length === 0) return [];
  return db
    .insertInto('status_page_deliveries')
    .values(rows)
    .onConflict((oc) => oc.columns(['update_id', 'recipient_id']).doNothing())
    .returning('id')
    .execute();
}

export async function findDeliveryRow(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('status_page_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDeliveryRow(
  db: Db,
  id: string,
  changes: Updateable<StatusPageDeliveriesTable>,
): Promise<void> {
  await db.updateTable('status_page_deliveries').set(changes).where('id', '=', id).execute();
}

/** What a message about one update says: the update, its page incident and page, the affected components. */
export async function selectUpdateForMessage(db: Db, updateId: string) {
  const update = await db
    .selectFrom('status_page_incident_updates as u')
    .innerJoin('status_page_incidents as i', 'i.id', 'u.page_incident_id')
    .innerJoin('status_pages as p', 'p.id', 'i.page_id')
    .select([
      'u.id as update_id',
      'u.state',
      'u.body',
      'u.created_at',
      'i.id as page_incident_id',
      'i.title',
      'p.id as page_id',
      'p.slug',
      'p.name as page_name',
      'p.host_name',
      'p.visibility',
      'p.time_zone',
    ])
    .where('u.id', '=', updateId)
    .executeTakeFirst();
  if (!update) return undefined;
  const components = await db
    .selectFrom('status_page_incident_components as a')
    .innerJoin('status_page_components as c', 'c.id', 'a.component_id')
    .select(['c.id', 'c.name'])
    .where('a.page_incident_id', '=', update.page_incident_id)
    .orderBy('c.position')
    .orderBy('c.name')
    .execute();
  return { ...update, components };
}

export type UpdateForMessage = NonNullable<Awaited<ReturnType<typeof selectUpdateForMessage>>>;
