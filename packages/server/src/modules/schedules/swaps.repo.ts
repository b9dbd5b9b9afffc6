/** The only SQL on schedule_swaps. */
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ScheduleSwapsTable } from '../../db/schema.js';

export type SwapRow = Selectable<ScheduleSwapsTable>;

export async function insertSwap(db: Db, row: SwapRow): Promise<SwapRow> {
  return db.insertInto('schedule_swaps').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findSwapRow(
  db: Db,
  scheduleId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SwapRow | undefined> {
  let query = db.selectFrom('schedule_swaps').selectAll().where('schedule_id', '=', scheduleId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function updateSwapRow(db: Db, id: string, patch: Updateable<ScheduleSwapsTable>): Promise<SwapRow> {
  return db.updateTable('schedule_swaps').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Open offers whose window has passed are expired. */
export async function expireEndedSwaps(db: Db, scheduleId: string, now: Date): Promise<void> {
  await db
    .updateTable('schedule_swaps')
    .set({ status: 'expired', updated_at: now })
    .where('schedule_id', '=', scheduleId)
    .where('status', '=', 'open')
    .where('ends_at', '<=', now)
    .execute();
}

export async function selectSwaps(db: Db, scheduleId: string, status?: SwapRow['status']): Promise<SwapRow[]> {
  let query = db.selectFrom('schedule_swaps').selectAll().where('schedule_id', '=', scheduleId);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('starts_at').orderBy('id').execute();
}
