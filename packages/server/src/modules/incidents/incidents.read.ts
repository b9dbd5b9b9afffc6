/** Reads of incidents for other modules. */
import type { Db } from '../../db/client.js';
import { isUuid } from '../../lib/ids.js';
import type { IncidentSummary } from './incidents.types.js';

export async function getIncidentSummary(db: Db, id: string): Promise<IncidentSummary | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await db
    .selectFrom('incidents as i')
    .innerJoin('services as s', 's.id', 'i.service_id')
    .select(['i.id', 'i.number', 'i.title', 'i.status', 'i.urgency', 'i.priority', 'i.service_id', 's.name as service_name', 'i.triggered_at'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    number: Number(row.number),
    title: row.title,
    status: row.status,
    urgency: row.urgency,
    priority: row.priority,
    serviceId: row.service_id,
    serviceName: row.service_name,
    triggeredAt: row.triggered_at,
  };
}
