/** Notes: what responders write on the timeline as they work. */
import { inTransaction } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { NoteSchema } from './incidents.schema.js';
import { requireIncidentRow } from './incidents.view.js';
import { addTimelineEntryNow, type TimelineEntry } from '../timeline/index.js';

/**
 * Allowed on resolved incidents too: findings often come after. A
 * stakeholder of the incident (its reporter: the response module checks)
 * may add notes without being a responder.
 */
export async function addNote(
  ctx: Ctx,
  idOrNumber: string,
  text: string,
  options: { asStakeholder?: boolean } = {},
): Promise<TimelineEntry> {
  if (!options.asStakeholder) requireRole(ctx.actor, 'responder', 'add notes to incidents');
  const { text: note } = NoteSchema.parse({ text });
  return inTransaction(ctx.db, async (tx) => {
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor });
    const entry = await addTimelineEntryNow(tx, ctx, row.id, { kind: 'note', message: note });
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.note_added',
      entityType: 'incident',
      entityId: row.id,
      after: { timelineEntryId: entry.id },
    });
    return entry;
  });
}
