/** The incident timeline: an append-only account of what happened, by whom. */
import type { Db } from '../../db/client.js';
import { toJson } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { Clock } from '../../lib/clock.js';
import type { TimelineEntryInput } from './incidents.types.js';

export async function addTimelineEntry(db: Db, clock: Clock, incidentId: string, actor: Actor, entry: TimelineEntryInput): Promise<void> {
  await db
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
    .execute();
}
