/** The only SQL on schedules and schedule_versions. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { wakeEngines } from '../../db/outbox.js';
import type { SchedulesTable, ScheduleVersionsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type ScheduleRow = Selectable<SchedulesTable>;
export type VersionRow = Selectable<ScheduleVersionsTable>;

export async function insertSchedule(db: Db, row: ScheduleRow): Promise<ScheduleRow> {
  return db.insertInto('schedules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateScheduleRow(db: Db, id: string, patch: Updateable<SchedulesTable>): Promise<ScheduleRow> {
  return db.updateTable('schedules').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteScheduleRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('schedules').where('id', '=', id).execute();
}

/** By id or by name (without regard to case): people type names, machines send ids. */
export async function findScheduleRow(
  db: Db,
  idOrName: string,
  options: { forUpdate?: boolean } = {},
): Promise<ScheduleRow | undefined> {
  let query = db.selectFrom('schedules').selectAll();
  query = isUuid(idOrName)
    ? query.where('id', '=', idOrName)
    : query.where(sql`lower(name)`, '=', idOrName.trim().toLowerCase());
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectSchedules(
  db: Db,
  filter: { teamIds?: string[]; ids?: string[] } = {},
): Promise<ScheduleRow[]> {
  let query = db
    .selectFrom('schedules')
    .selectAll()
    .orderBy(sql`lower(name)`);
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    query = query.where('team_id', 'in', filter.teamIds);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('id', 'in', filter.ids);
  }
  return query.execute();
}

export async function insertVersion(db: Db, row: Insertable<ScheduleVersionsTable>): Promise<VersionRow> {
  return db.insertInto('schedule_versions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function selectVersions(db: Db, scheduleId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('schedule_versions')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .orderBy('number', 'desc')
    .execute();
}

export async function selectVersion(db: Db, scheduleId: string, number: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('schedule_versions')
    .selectAll()
    .where('schedule_id', '=', scheduleId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/**
 * The versions that decide anything within [from, to) for each schedule:
 * those taking effect before `to`, less those a higher-numbered version
 * already superseded by `from`.
 */
export async function selectVersionsForRange(
  db: Db,
  scheduleIds: string[],
  from: Date,
  to: Date,
): Promise<Array<Pick<VersionRow, 'schedule_id' | 'number' | 'effective_from' | 'definition'>>> {
  if (scheduleIds.length === 0) return [];
  return db
    .selectFrom('schedule_versions as v')
    .select(['v.schedule_id', 'v.number', 'v.effective_from', 'v.definition'])
    .where(sql<boolean>`v.schedule_id = ANY(${scheduleIds}::uuid[])`) // one parameter, however many schedules
    .where('v.effective_from', '<', to)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('schedule_versions as w')
            .select(sql`1`.as('one'))
            .whereRef('w.schedule_id', '=', 'v.schedule_id')
            .whereRef('w.number', '>', 'v.number')
            .where('w.effective_from', '<=', from),
        ),
      ),
    )
    .execute();
}

/** Schedules whose versions in effect from `from` on name the user as a participant. */
export async function selectScheduleIdsWithParticipant(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('schedule_versions')
    .select('schedule_id')
    .distinct()
    .where(sql<boolean>`definition @> ${JSON.stringify({ layers: [{ participants: [userId] }] })}::jsonb`)
    .execute();
  return rows.map((r) => r.schedule_id);
}

/** Hand-off notices: one schedule whose next hand-off is due, locked for this transaction. */
export async function claimDueHandoff(db: Db, now: Date): Promise<ScheduleRow | undefined> {
  return db
    .selectFrom('schedules')
    .selectAll()
    .where('next_handoff_at', '<=', now)
    .orderBy('next_handoff_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function earliestHandoff(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('schedules')
    .select((eb) => eb.fn.min('next_handoff_at').as('next'))
    .executeTakeFirst();
  return (row?.next as Date | null | undefined) ?? null;
}

/** Asks the hand-off reconciler to look at a schedule again now (after an edit or override). */
export async function requestHandoffCheck(db: Db, scheduleId: string, now: Date): Promise<void> {
  await db.updateTable('schedules').set({ next_handoff_at: now }).where('id', '=', scheduleId).execute();
  // Wake every node's engine when the transaction commits, as enqueueJob does.
  await wakeEngines(db, 'schedules.handoff');
}
