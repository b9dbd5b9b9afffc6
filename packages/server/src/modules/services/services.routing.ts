/** Reads the paging pipeline needs: a service's paging settings. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { getPolicySnapshots } from '../escalation/index.js';
import { pagingColumnsOf, type PagingSettings } from './services.types.js';

export async function getPagingSettings(db: Db, serviceId: string, at: Date): Promise<PagingSettings> {
  const settings = (await getPagingSettingsMany(db, [serviceId], at)).get(serviceId);
  if (!settings) throw notFound('Service', serviceId);
  return settings;
}

/** getPagingSettings for several services (those that exist, by id): two queries however many. */
export async function getPagingSettingsMany(
  db: Db,
  serviceIds: string[],
  at: Date,
): Promise<Map<string, PagingSettings>> {
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
  const policies = await getPolicySnapshots(
    db,
    rows.map((row) => row.escalation_policy_id),
  );
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
