/**
 * The reads behind status from signals: the components that follow a
 * service, and the severities of that service's open declared incidents
 * (read-only: the incidents and response modules write those tables).
 */
import type { Db } from '../../db/client.js';
import type { ComponentRow } from './statuspages.repo.js';

/** Components with statusFromSignals that follow the incident's service (locked for the change). */
export async function selectSignalComponents(
  db: Db,
  by: { incidentId: string },
): Promise<Array<ComponentRow & { service_id: string }>> {
  const rows = await db
    .selectFrom('status_page_components as c')
    .innerJoin('incidents as i', 'i.service_id', 'c.service_id')
    .selectAll('c')
    .where('i.id', '=', by.incidentId)
    .where('c.status_from_signals', '=', true)
    .forUpdate()
    .execute();
  return rows as Array<ComponentRow & { service_id: string }>;
}

/** The severities of the service's open declared incidents that may show publicly. */
export async function selectSignalSeverities(db: Db, serviceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incidents as i')
    .innerJoin('incident_responses as r', 'r.incident_id', 'i.id')
    .select('r.severity')
    .where('i.service_id', '=', serviceId)
    .where('r.stage', 'in', ['investigating', 'identified', 'monitoring'])
    .where('r.near_miss', '=', false)
    .where('r.private', '=', false)
    .where((eb) => eb.or([eb('r.category', 'is', null), eb('r.category', '!=', 'security')]))
    .execute();
  return rows.map((r) => r.severity);
}
