/** The only SQL on calendar_feeds. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { CalendarFeedsTable } from '../../db/schema.js';

export type FeedRow = Selectable<CalendarFeedsTable>;

export async function insertFeed(db: Db, row: FeedRow): Promise<FeedRow> {
  return db.insertInto('calendar_feeds').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFeedByHash(db: Db, tokenHash: string): Promise<FeedRow | undefined> {
  return db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findFeedRow(db: Db, id: string): Promise<FeedRow | undefined> {
  return db.selectFrom('calendar_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectFeeds(db: Db, createdBy?: string): Promise<FeedRow[]> {
  let query = db.selectFrom('calendar_feeds').selectAll();
  if (createdBy) query = query.where('created_by', '=', createdBy);
  return query.orderBy('created_at', 'desc').execute();
}

export async function markFeedRevoked(db: Db, id: string, at: Date): Promise<FeedRow> {
  return db
    .updateTable('calendar_feeds')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
