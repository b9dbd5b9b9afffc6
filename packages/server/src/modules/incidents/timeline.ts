/** The incident timeline: an append-only account of what happened, by whom. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.js';
import { toJson } from '../../db/client.js';
import { insertDeferrable } from '../../db/batch.js';
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

/** The row an entry is stored as, for a caller that writes it in a statement of its own making (one round trip). */
export const timelineRow = (clock: Clock, incidentId: string, actor: Actor, entry: TimelineEntryInput): Insertable<IncidentTimelineTable> => ({
  incident_id: incidentId,
  at: clock.now(),
  kind: entry.kind,
  actor_type: actor.type,
  actor_id: actor.type === 'user' ? actor.userId : null,
  actor_label: actor.label,
  message: entry.message,
  data: entry.data === undefined ? null : toJson(entry.data),
});

/**
 * Adds an entry to the timeline. In a fail-fast batch (db/batch.ts) it is
 * written with the batch's other entries just before the commit, in order.
 */
export async function addTimelineEntry(db: Db, clock: Clock, incidentId: string, actor: Actor, entry: TimelineEntryInput): Promise<void> {
  await insertDeferrable(db, 'incident_timeline', timelineRow(clock, incidentId, actor, entry));
}

/** Adds an entry now and returns it, for a caller that shows it. */
export async function insertTimelineEntry(db: Db, clock: Clock, incidentId: string, actor: Actor, entry: TimelineEntryInput): Promise<TimelineEntry> {
  const row = await db.insertInto('incident_timeline').values(timelineRow(clock, incidentId, actor, entry)).returningAll().executeTakeFirstOrThrow();
  return toEntry(row);
}

/** Oldest first, the order people read a story in. */
export async function selectTimeline(db: Db, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute();
  return rows.map(toEntry);
}
