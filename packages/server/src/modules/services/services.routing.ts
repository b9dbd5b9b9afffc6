/** Reads the paging pipeline needs: a service's paging settings. */
import { sql } from 'kysely';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import { notFound } from '../../lib/errors.js';
import { isUuid } from '../../lib/ids.js';
import { getPolicySnapshots } from '../escalation/index.js';
import { transactionValue } from '../../db/context.js';
import { rememberedByIds } from '../../db/remembered.js';
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
        .selectFrom('maintenance_windows as m')
        .select(
          sql<Array<[string, string]>>`coalesce(json_agg(json_build_array(m.starts_at, m.ends_at)), '[]')`.as('w'),
        )
        .whereRef('m.service_id', '=', 'services.id')
        .where('m.ends_at', '>', v.at)
        .as('windows'),
    )
    .where('id', 'in', v.ids),
);

type ServiceRowRead = Awaited<ReturnType<typeof serviceRows>>[number];

/** A service's row with its maintenance windows not over at `readAt` (whether one is on is worked out for any later instant). */
interface ServiceFacts {
  row: ServiceRowRead;
  windows: Array<{ startsMs: number; endsMs: number }>;
  readAtMs: number;
}

const readServiceFacts = async (db: Db, ids: string[], at: Date): Promise<Map<string, ServiceFacts>> =>
  new Map(
    (await serviceRows(db, { ids, at })).map((row) => [
      row.id,
      {
        row,
        windows: (row.windows ?? []).map(([starts, ends]) => ({
          startsMs: Date.parse(starts),
          endsMs: Date.parse(ends),
        })),
        readAtMs: at.getTime(),
      },
    ]),
  );

/** The services an alerts batch pages by, remembered until a service or maintenance window changes (ADR 38). */
const serviceFactsAt = rememberedByIds<ServiceFacts, Date>(['services', 'maintenance_windows'], readServiceFacts);

/** getPagingSettings for several services (those that exist, by id): two queries however many, none when remembered. */
export async function getPagingSettingsMany(
  db: Db,
  serviceIds: string[],
  at: Date,
): Promise<Map<string, PagingSettings>> {
  const wanted = [...new Set(serviceIds.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  let facts = await serviceFactsAt(db, wanted, at);
  // Read for a later instant than this one (a clock set back): windows over by then were left out.
  if ([...facts.values()].some((f) => f.readAtMs > at.getTime())) facts = await readServiceFacts(db, wanted, at);
  const rows = [...facts.values()];
  const policies = await getPolicySnapshots(
    db,
    rows.map(({ row }) => row.escalation_policy_id),
  );
  const settings = new Map<string, PagingSettings>();
  const atMs = at.getTime();
  for (const { row, windows } of rows) {
    const policy = policies.get(row.escalation_policy_id);
    if (!policy) throw notFound('Escalation policy', row.escalation_policy_id);
    settings.set(row.id, {
      serviceId: row.id,
      slug: row.slug,
      name: row.name,
      isDisabled: row.is_disabled,
      teamId: row.team_id,
      ...pagingColumnsOf(row),
      isInMaintenance: windows.some((w) => w.startsMs <= atMs && atMs < w.endsMs),
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
