/** Stars: a responder marks timeline entries for the postmortem; anyone who reads the timeline sees them. */
import { inTransaction } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { starTimelineEntry, unstarTimelineEntry, type TimelineEntry } from '../timeline/index.js';
import { requireTimelineEntry } from './incidents.timeline-entry.js';

/** Stars or unstars an entry; doing it twice changes nothing and audits nothing. */
export async function setTimelineStar(
  ctx: Ctx,
  idOrNumber: string,
  entryId: string,
  isStarred: boolean,
): Promise<TimelineEntry> {
  requireRole(ctx.actor, 'responder', isStarred ? 'star timeline entries' : 'unstar timeline entries');
  return inTransaction(ctx.db, async (tx) => {
    const { incidentId, entry } = await requireTimelineEntry(tx, ctx.actor, idOrNumber, entryId);
    const changed = isStarred ? await starTimelineEntry(tx, ctx, entry.id) : await unstarTimelineEntry(tx, entry.id);
    if (changed)
      await recordAudit(withDb(ctx, tx), {
        action: isStarred ? 'incident.timeline_starred' : 'incident.timeline_unstarred',
        entityType: 'incident',
        entityId: incidentId,
        after: { timelineEntryId: entry.id },
      });
    return (await requireTimelineEntry(tx, ctx.actor, incidentId, entry.id)).entry;
  });
}
