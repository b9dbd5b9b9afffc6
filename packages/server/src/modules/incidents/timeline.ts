/** The incident timeline: an append-only account of what happened, by whom. */
import type { Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import { toJson } from '../../db/client.js';
import type { IncidentTimelineTable } from '../../db/schema.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { TimelineEntry } from './incidents.schema.js';
import type { TimelineEntryInput } from './incidents.types.js';

type TimelineRow = Selectable<IncidentTimelineTable>;

const toEntry = (row: TimelineRow): TimelineEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  kind: row.kind,
  actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
  message: row.message,
  data: row.data ?? null,
});

export async function addTimelineEntry(db: Db, clock: Clock, incidentId: string, actor: Actor, entry: TimelineEntryInput): Promise<TimelineEntry> {
  const row = await db
    .insertInto('incident_timeline')
    .values({
      incident_id: incidentId,
      at: clock.now(),
      kind: entry.kind,
      actor_type: actor.type,
      actor_id: actor.type === 'user' ? actor.userId : null,
      actor_label: actor.label,
      message: entry.message,
      data: entry.data === undefined ? null : toJson(entry.data),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toEntry(row);
}

/** Oldest first, the order people read a story in. */
export async function selectTimeline(db: Db, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute();
  return rows.map(toEntry);
}
