/** The only SQL on maintenance_windows. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { MaintenanceWindowsTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type MaintenanceRow = Selectable<MaintenanceWindowsTable>;

export async function insertMaintenance(db: Db, row: Insertable<MaintenanceWindowsTable>): Promise<MaintenanceRow> {
  return db.insertInto('maintenance_windows').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The service's windows in start order; without `includePast`, only those that have not ended at `now`. */
export async function selectMaintenance(
  db: Db,
  serviceId: string,
  options: { now: Date; includePast: boolean },
): Promise<MaintenanceRow[]> {
  let query = db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('starts_at')
    .orderBy('id');
  if (!options.includePast) query = query.where('ends_at', '>', options.now);
  return query.execute();
}

export async function findMaintenance(db: Db, serviceId: string, id: string): Promise<MaintenanceRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteMaintenanceRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('maintenance_windows').where('id', '=', id).execute();
}
