/** Reads of incidents for other modules. */
import { deferredRowsOf, flushDeferred } from '../../db/batch.js';
import type { Db } from '../../db/client.js';
import { compiledOnce } from '../../db/compiled.js';
import { isUuid } from '../../lib/ids.js';
import { getPagingSettingsMany } from '../services/index.js';
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
  // A batch's new incidents first (incidents.repo.ts insertIncident), when it holds one of these.
  const held = new Set(wanted);
  if (deferredRowsOf(db, 'incidents').some((row) => held.has(row.id))) await flushDeferred(db, 'incidents');
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

/**
 * The incidents among `ids` that this fail-fast batch opened and still holds
 * to write at its commit (db/batch.ts), summarised from those rows without
 * a read, but for their number: the sequence's, known once they are written
 * (incidentNumbers). Others, and declared ones, are left out.
 */
export async function heldIncidentSummaries(
  db: Db,
  ids: readonly string[],
  at: Date,
): Promise<Map<string, Omit<IncidentSummary, 'number'>>> {
  const wanted = new Set(ids);
  const rows = deferredRowsOf(db, 'incidents').filter((row) => wanted.has(row.id) && row.declared_at == null);
  if (rows.length === 0) return new Map();
  const services = await getPagingSettingsMany(
    db,
    rows.map((row) => row.service_id),
    at,
  );
  const summaries = new Map<string, Omit<IncidentSummary, 'number'>>();
  for (const row of rows) {
    const service = services.get(row.service_id);
    if (!service) continue;
    summaries.set(row.id, {
      id: row.id,
      title: row.title,
      status: row.status ?? 'triggered',
      urgency: row.urgency,
      priority: row.priority ?? null,
      serviceId: row.service_id,
      serviceName: service.name,
      triggeredAt: new Date(row.triggered_at),
      response: null,
    });
  }
  return summaries;
}
