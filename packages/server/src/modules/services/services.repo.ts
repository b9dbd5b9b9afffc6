/** The only SQL on services (maintenance windows and integration keys have their own repos). */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/client.js';
import type { ServicesTable } from '../../db/schema.js';
import { isUuid } from '../../lib/ids.js';

export type ServiceRow = Selectable<ServicesTable>;

/** A service with the end of its open maintenance window, if one is open at the instant asked about. */
export type ServiceWithMaintenance = ServiceRow & { maintenance_ends_at: Date | null };

function selectWithMaintenance(db: Db, at: Date) {
  return db
    .selectFrom('services')
    .selectAll('services')
    .select((eb) =>
      eb
        .selectFrom('maintenance_windows as m')
        .select((m) => m.fn.max('m.ends_at').as('ends'))
        .whereRef('m.service_id', '=', 'services.id')
        .where('m.starts_at', '<=', at)
        .where('m.ends_at', '>', at)
        .as('maintenance_ends_at'),
    );
}

export async function insertService(db: Db, row: Insertable<ServicesTable>): Promise<ServiceRow> {
  return db.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateServiceRow(db: Db, id: string, patch: Updateable<ServicesTable>): Promise<void> {
  await db.updateTable('services').set(patch).where('id', '=', id).execute();
}

export async function deleteServiceRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('services').where('id', '=', id).execute();
}

/** By id or by slug: people type slugs, machines send ids. */
export async function findService(db: Db, idOrSlug: string, at: Date): Promise<ServiceWithMaintenance | undefined> {
  return selectWithMaintenance(db, at)
    .where(isUuid(idOrSlug) ? 'services.id' : 'services.slug', '=', idOrSlug)
    .executeTakeFirst() as Promise<ServiceWithMaintenance | undefined>;
}

export async function selectServices(db: Db, at: Date): Promise<ServiceWithMaintenance[]> {
  return selectWithMaintenance(db, at).orderBy('services.slug').execute() as Promise<ServiceWithMaintenance[]>;
}

/** Locks the service row until the transaction ends, so changes to its keys and windows take turns. */
export async function lockService(db: Db, idOrSlug: string): Promise<ServiceRow | undefined> {
  return db
    .selectFrom('services')
    .selectAll()
    .where(isUuid(idOrSlug) ? 'id' : 'slug', '=', idOrSlug)
    .forUpdate()
    .executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('services')
    .select(sql`1`.as('one'))
    .where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * Holds the services named (by id) from being deleted until the transaction
 * ends, in id order, and answers those that exist: for rows about to
 * reference them. Taken before such rows are changed, it keeps a deletion of
 * one of them (whose cascade waits for those rows) from deadlocking with the
 * change (whose foreign-key check waits for the service).
 */
export async function holdServices(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(ids)].filter(isUuid).sort();
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('services')
    .select('id')
    .where('id', 'in', wanted)
    .orderBy('id')
    .forKeyShare()
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * A service's id and slug by id or slug, for modules that hang things off a
 * service; `lock` holds the row until the transaction ends, so changes to
 * what hangs off it take turns.
 */
export async function findServiceRef(
  db: Db,
  idOrSlug: string,
  options: { lock?: boolean } = {},
): Promise<{ id: string; slug: string } | undefined> {
  let query = db
    .selectFrom('services')
    .select(['id', 'slug'])
    .where(isUuid(idOrSlug) ? 'id' : 'slug', '=', idOrSlug);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}
