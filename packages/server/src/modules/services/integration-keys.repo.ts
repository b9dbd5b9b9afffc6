/** The only SQL on integration_keys and on the configuration part of heartbeats. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { HeartbeatsTable, IntegrationKeysTable, IntegrationType } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type IntegrationKeyRow = Selectable<IntegrationKeysTable>;
export type HeartbeatRow = Selectable<HeartbeatsTable>;

export async function insertKey(db: Db, row: Insertable<IntegrationKeysTable>): Promise<IntegrationKeyRow> {
  return db.insertInto('integration_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateKeyRow(db: Db, id: string, patch: Updateable<IntegrationKeysTable>): Promise<IntegrationKeyRow> {
  return db.updateTable('integration_keys').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteKeyRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('integration_keys').where('id', '=', id).execute();
}

export async function selectKeys(db: Db, serviceIds: string[]): Promise<IntegrationKeyRow[]> {
  if (serviceIds.length === 0) return [];
  return db
    .selectFrom('integration_keys')
    .selectAll()
    .where('service_id', 'in', serviceIds)
    .orderBy('service_id')
    .orderBy(sql`lower(name)`)
    .orderBy('type')
    .execute();
}

export async function findKey(db: Db, serviceId: string, id: string): Promise<IntegrationKeyRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('integration_keys').selectAll().where('service_id', '=', serviceId).where('id', '=', id).executeTakeFirst();
}

/** The key of a service with this type and name (names compare without regard to case). */
export async function findKeyByName(db: Db, serviceId: string, type: IntegrationType, name: string): Promise<IntegrationKeyRow | undefined> {
  return db
    .selectFrom('integration_keys')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('type', '=', type)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function insertHeartbeat(db: Db, row: Insertable<HeartbeatsTable>): Promise<void> {
  await db.insertInto('heartbeats').values(row).execute();
}

/** A new interval takes effect from now; a failing heartbeat stays failing until it is pinged. */
export async function updateHeartbeatInterval(db: Db, keyId: string, intervalSeconds: number, now: Date): Promise<void> {
  await db
    .updateTable('heartbeats')
    .set({
      interval_seconds: intervalSeconds,
      next_due_at: sql`CASE WHEN is_failing THEN next_due_at ELSE ${now}::timestamptz + make_interval(secs => ${intervalSeconds}) END`,
    })
    .where('integration_key_id', '=', keyId)
    .execute();
}

export async function selectHeartbeats(db: Db, keyIds: string[]): Promise<HeartbeatRow[]> {
  if (keyIds.length === 0) return [];
  return db.selectFrom('heartbeats').selectAll().where('integration_key_id', 'in', keyIds).execute();
}
