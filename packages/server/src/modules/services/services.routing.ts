/** Reads the paging pipeline needs: which service a routing key feeds, and its paging settings. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { getPolicySnapshots } from '../escalation/index.js';
import { pagingColumnsOf, type PagingSettings, type RoutedKey } from './services.types.js';

export async function getServiceForRouting(db: Db, routingKey: string): Promise<RoutedKey | undefined> {
  const row = await db
    .selectFrom('integration_keys as k')
    .innerJoin('services as s', 's.id', 'k.service_id')
    .select(['k.id', 'k.type', 'k.name as key_name', 'k.settings', 'k.service_id', 's.slug', 's.name', 's.is_disabled'])
    .where('k.routing_key', '=', routingKey)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    key: { id: row.id, type: row.type, name: row.key_name, settings: row.settings as Record<string, unknown>, serviceId: row.service_id },
    service: { id: row.service_id, slug: row.slug, name: row.name, isDisabled: row.is_disabled },
  };
}

export async function getPagingSettings(db: Db, serviceId: string, at: Date): Promise<PagingSettings> {
  const settings = (await getPagingSettingsMany(db, [serviceId], at)).get(serviceId);
  if (!settings) throw notFound('Service', serviceId);
  return settings;
}

/** getPagingSettings for several services (those that exist, by id): two queries however many. */
export async function getPagingSettingsMany(db: Db, serviceIds: string[], at: Date): Promise<Map<string, PagingSettings>> {
  const wanted = [...new Set(serviceIds.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('services')
    .selectAll()
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('maintenance_windows as m')
            .select(sql`1`.as('one'))
            .whereRef('m.service_id', '=', 'services.id')
            .where('m.starts_at', '<=', at)
            .where('m.ends_at', '>', at),
        )
        .as('in_maintenance'),
    )
    .where('id', 'in', wanted)
    .execute();
  const policies = await getPolicySnapshots(db, rows.map((row) => row.escalation_policy_id));
  const settings = new Map<string, PagingSettings>();
  for (const row of rows) {
    const policy = policies.get(row.escalation_policy_id);
    if (!policy) throw notFound('Escalation policy', row.escalation_policy_id);
    settings.set(row.id, {
      serviceId: row.id,
      slug: row.slug,
      name: row.name,
      isDisabled: row.is_disabled,
      ...pagingColumnsOf(row),
      isInMaintenance: Boolean(row.in_maintenance),
      policy,
    });
  }
  return settings;
}
