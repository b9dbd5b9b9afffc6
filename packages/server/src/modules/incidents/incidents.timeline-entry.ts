/** Finding one entry of an incident's timeline for a use case that acts on it. */
import type { Actor } from '../../lib/actor.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { findTimelineEntry, type TimelineEntry } from '../timeline/index.js';
import { requireIncidentRow } from './incidents.view.js';

/** The incident (by uuid or number) and its entry; a 404 when either is missing or the entry is another incident's. */
export async function requireTimelineEntry(
  db: Db,
  actor: Actor,
  idOrNumber: string,
  entryId: string,
): Promise<{ incidentId: string; entry: TimelineEntry }> {
  const row = await requireIncidentRow(db, idOrNumber, { as: actor });
  const entry = await findTimelineEntry(db, row.id, entryId);
  if (!entry) throw notFound(`Timeline entry of incident #${row.number}`, entryId);
  return { incidentId: row.id, entry };
}
