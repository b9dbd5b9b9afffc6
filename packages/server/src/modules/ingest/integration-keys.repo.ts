/** The only SQL on integration_keys. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import type { IntegrationKeysTable, IntegrationType } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';
import type { RoutedKey } from './ingest.types.js';

export type IntegrationKeyRow = Selectable<IntegrationKeysTable>;

/** Where a trigger NOTIFYs every change to integration_keys (migration 0026); nodes' routing caches LISTEN. */
export const KEY_CHANGES_CHANNEL = 'tocsin_integration_keys';

export async function insertKey(db: Db, row: Insertable<IntegrationKeysTable>): Promise<IntegrationKeyRow> {
  return db.insertInto('integration_keys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateKeyRow(
  db: Db,
  id: string,
  patch: Updateable<IntegrationKeysTable>,
): Promise<IntegrationKeyRow> {
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
  return db
    .selectFrom('integration_keys')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The key of a service with this type and name (names compare without regard to case). */
export async function findKeyByName(
  db: Db,
  serviceId: string,
  type: IntegrationType,
  name: string,
): Promise<IntegrationKeyRow | undefined> {
  return db
    .selectFrom('integration_keys')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('type', '=', type)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

/** The key a routing key names, with its service: how an event finds where it goes. */
export async function findRoutedKey(db: Db, routingKey: string): Promise<RoutedKey | undefined> {
  return (await findRoutedKeys(db, [routingKey])).get(routingKey);
}

const routedKeyRows = compiledOnce((db: Db, v: { keys: string[] }) =>
  db
    .selectFrom('integration_keys as k')
    .innerJoin('services as s', 's.id', 'k.service_id')
    .select([
      'k.routing_key',
      'k.id',
      'k.type',
      'k.name as key_name',
      'k.settings',
      'k.service_id',
      's.slug',
      's.name',
      's.is_disabled',
    ])
    // One key (nearly always) by equality: its plan is prepared once; with = ANY the planner plans
    // each lookup afresh, at several times the cost of running it (ADR 35).
    .where('k.routing_key', '=', v.keys.length === 1 ? v.keys[0]! : sql<string>`ANY(${v.keys}::text[])`),
);

/** The keys (and their services) with these routing keys, by routing key: one query. */
export async function findRoutedKeys(db: Db, routingKeys: readonly string[]): Promise<Map<string, RoutedKey>> {
  const rows = await routedKeyRows(db, { keys: [...routingKeys] });
  return new Map(
    rows.map((row) => [
      row.routing_key,
      {
        key: {
          id: row.id,
          type: row.type,
          name: row.key_name,
          settings: row.settings as Record<string, unknown>,
          serviceId: row.service_id,
        },
        service: { id: row.service_id, slug: row.slug, name: row.name, isDisabled: row.is_disabled },
      },
    ]),
  );
}
