/** Notes from the people on an incident: responders, and its stakeholders (a reporter who is not a responder). */
import { roleAtLeast } from '../../lib/actor.js';
import { forbidden } from '../../lib/errors.js';
import type { Ctx } from '../context.js';
import { addNote, requireIncidentRow } from '../incidents/index.js';
import type { TimelineEntry } from '../timeline/index.js';
import { isStakeholder } from './response.repo.js';

export async function addNoteAsParticipant(ctx: Ctx, idOrNumber: string, text: string): Promise<TimelineEntry> {
  const { actor } = ctx;
  if (actor.type === 'user' && !roleAtLeast(actor.role, 'responder')) {
    const row = await requireIncidentRow(ctx.db, idOrNumber, { as: ctx.actor });
    if (!(await isStakeholder(ctx.db, row.id, actor.userId)))
      throw forbidden(
        `Adding notes to incidents needs the responder role, or following incident #${row.number} as its reporter.`,
      );
    return addNote(ctx, row.id, text, { asStakeholder: true });
  }
  return addNote(ctx, idOrNumber, text);
}
