/** The only SQL on schedule_overrides. */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ScheduleOverridesTable } from '../../db/schema.js';

export type OverrideRow = Selectable<ScheduleOverridesTable>;

export async function insertOverride(db: Db, row: OverrideRow): Promise<OverrideRow> {
  return db.insertInto('schedule_overrides').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findOverrideRow(db: Db, scheduleId: string, id: string): Promise<OverrideRow | undefined> {
  return db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markOverrideRemoved(db: Db, id: string, at: Date, byLabel: string): Promise<OverrideRow> {
  return db
    .updateTable('schedule_overrides')
    .set({ removed_at: at, removed_by_label: byLabel })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Overrides that apply at some instant of [from, to): overlapping the range,
 * and not removed before they began or before the range.
 */
export async function selectOverridesForRange(
  db: Db,
  scheduleIds: string[],
  from: Date,
  to: Date,
): Promise<OverrideRow[]> {
  if (scheduleIds.length === 0) return [];
  return db
    .selectFrom('schedule_overrides')
    .selectAll()
    .where(sql<boolean>`schedule_id = ANY(${scheduleIds}::uuid[])`) // one parameter, however many schedules
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .where((eb) =>
      eb.or([
        eb('removed_at', 'is', null),
        eb.and([eb('removed_at', '>', from), eb('removed_at', '>', eb.ref('starts_at'))]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Schedules with overrides that put the user on call. */
export async function selectScheduleIdsWithOverridesFor(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('schedule_overrides')
    .select('schedule_id')
    .distinct()
    .where('user_id', '=', userId)
    .where('kind', '<>', 'remove')
    .where(sql<boolean>`removed_at IS NULL OR removed_at > starts_at`)
    .execute();
  return rows.map((r) => r.schedule_id);
}
