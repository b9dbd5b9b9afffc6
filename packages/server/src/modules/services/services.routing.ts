/** Reads the paging pipeline needs: a service's paging settings. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { getPolicySnapshots } from '../escalation/index.js';
import { transactionValue } from '../../db/context.js';
import { pagingColumnsOf, type BusinessHours, type PagingSettings } from './services.types.js';

export async function getPagingSettings(db: Db, serviceId: string, at: Date): Promise<PagingSettings> {
  const settings = (await getPagingSettingsMany(db, [serviceId], at)).get(serviceId);
  if (!settings) throw notFound('Service', serviceId);
  return settings;
}

const serviceRows = compiledOnce((db: Db, v: { ids: string[]; at: Date }) =>
  db
    .selectFrom('services')
    .selectAll()
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('maintenance_windows as m')
            .select(sql`1`.as('one'))
            .whereRef('m.service_id', '=', 'services.id')
            .where('m.starts_at', '<=', v.at)
            .where('m.ends_at', '>', v.at),
        )
        .as('in_maintenance'),
    )
    .where('id', 'in', v.ids),
);

/** getPagingSettings for several services (those that exist, by id): two queries however many. */
export async function getPagingSettingsMany(
  db: Db,
  serviceIds: string[],
  at: Date,
): Promise<Map<string, PagingSettings>> {
  const wanted = [...new Set(serviceIds.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  const rows = await serviceRows(db, { ids: wanted, at });
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
      teamId: row.team_id,
      ...pagingColumnsOf(row),
      isInMaintenance: Boolean(row.in_maintenance),
      policy,
    });
  }
  const known = transactionValue.get<Map<string, PagingSettings>>(db, KNOWN) ?? new Map<string, PagingSettings>();
  for (const [id, found] of settings) known.set(id, found);
  transactionValue.set(db, KNOWN, known);
  return settings;
}

/** Paging settings read in this transaction, by service id (an alerts batch reads its services' at once). */
const KNOWN = 'services.paging-settings';

/** What a service's clocks count in (its team, zone and business hours): analytics' snapshot of an incident it opened. */
export interface ServiceClockFacts {
  teamId: string | null;
  timeZone: string;
  businessHours: BusinessHours | null;
}

/**
 * The service's team, time zone and business hours: from the paging
 * settings already read in this transaction (the batch that opened the
 * incident read them), else one small read.
 */
export async function getServiceClockFacts(db: Db, serviceId: string): Promise<ServiceClockFacts> {
  const known = transactionValue.get<Map<string, PagingSettings>>(db, KNOWN)?.get(serviceId);
  if (known) return { teamId: known.teamId, timeZone: known.timeZone, businessHours: known.businessHours };
  const row = await db
    .selectFrom('services')
    .select(['team_id', 'time_zone', 'business_hours'])
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!row) throw notFound('Service', serviceId);
  return { teamId: row.team_id, timeZone: row.time_zone, businessHours: row.business_hours as BusinessHours | null };
}
