/** Reads of incidents for other modules. */
import { flushDeferred } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import { isUuid } from '../../lib/ids.js';
import type { IncidentSummary } from './incidents.types.js';

const summaryRows = compiledOnce((db: Db, v: { ids: string[] }) =>
  db
    .selectFrom('incidents as i')
    .innerJoin('services as s', 's.id', 'i.service_id')
    // The response of a declared incident, read-only (the response module writes it), with its owner's name.
    .leftJoin('incident_responses as r', 'r.incident_id', 'i.id')
    .leftJoin('users as o', 'o.id', 'r.owner_id')
    .select([
      'i.id',
      'i.number',
      'i.title',
      'i.status',
      'i.urgency',
      'i.priority',
      'i.service_id',
      's.name as service_name',
      'i.triggered_at',
      'r.severity',
      'r.stage',
      'r.near_miss',
      'o.name as owner_name',
    ])
    .where('i.id', 'in', v.ids),
);

/** The incidents among `ids` that exist, by id: one query however many. */
export async function getIncidentSummaries(db: Db, ids: string[]): Promise<Map<string, IncidentSummary>> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return new Map();
  await flushDeferred(db, 'incidents'); // a batch's new incidents first (incidents.repo.ts insertIncident)
  const rows = await summaryRows(db, { ids: wanted });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        number: Number(row.number),
        title: row.title,
        status: row.status,
        urgency: row.urgency,
        priority: row.priority,
        serviceId: row.service_id,
        serviceName: row.service_name,
        triggeredAt: row.triggered_at,
        response:
          row.severity === null
            ? null
            : {
                severity: row.severity,
                stage: row.stage!,
                nearMiss: row.near_miss ?? false,
                ownerName: row.owner_name,
              },
      },
    ]),
  );
}

export async function getIncidentSummary(db: Db, id: string): Promise<IncidentSummary | undefined> {
  return (await getIncidentSummaries(db, [id])).get(id);
}
