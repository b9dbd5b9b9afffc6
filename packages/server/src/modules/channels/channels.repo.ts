/** The only SQL on chat_channels, plus the read-only lookup of what refers to a channel. */
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ChatChannelsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type ChannelRow = Selectable<ChatChannelsTable>;

export async function insertChannel(db: Db, row: Omit<ChannelRow, 'settings'>): Promise<ChannelRow> {
  return db.insertInto('chat_channels').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateChannelRow(
  db: Db,
  id: string,
  patch: Updateable<ChatChannelsTable>,
): Promise<ChannelRow | undefined> {
  return db.updateTable('chat_channels').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteChannelRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('chat_channels').where('id', '=', id).execute();
}

/** By id, or by name without regard to case. */
export async function findChannelRow(db: Db, idOrName: string): Promise<ChannelRow | undefined> {
  const query = db.selectFrom('chat_channels').selectAll();
  return isUuid(idOrName)
    ? query.where('id', '=', idOrName).executeTakeFirst()
    : query.where(sql`lower(name)`, '=', idOrName.toLowerCase()).executeTakeFirst();
}

export async function selectChannels(db: Db, ids?: string[]): Promise<ChannelRow[]> {
  let query = db
    .selectFrom('chat_channels')
    .selectAll()
    .orderBy(sql`lower(name)`);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  return query.execute();
}

/**
 * Who refers to a channel: services (their notices) and escalation policies
 * (a level's target). Those modules depend on this one, so it cannot ask
 * them; it only reads the referring rows, to name them when refusing a delete.
 */
export async function selectChannelReferences(db: Db, id: string): Promise<{ services: string[]; policies: string[] }> {
  const services = await db
    .selectFrom('services')
    .select('slug')
    .where(sql<boolean>`${id}::uuid = ANY(notice_channel_ids)`)
    .orderBy('slug')
    .execute();
  const containing = JSON.stringify([{ targets: [{ type: 'channel', id }] }]);
  const policies = await db
    .selectFrom('escalation_policies')
    .select('name')
    .where(sql<boolean>`levels @> ${containing}::jsonb`)
    .orderBy('name')
    .execute();
  return { services: services.map((s) => s.slug), policies: policies.map((p) => p.name) };
}
