/**
 * Editing and deleting notes. Only a note's author edits it (a user id
 * match); its author or, to moderate, an admin deletes it. Every version is
 * kept and a deleted note stays as a tombstone (ADR 15): the timeline is
 * never silently rewritten.
 */
import { inTransaction } from '../../db/client.js';
import { roleAtLeast } from '../../lib/actor.js';
import { badRequest, conflict, forbidden } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { readNoteHistory, reviseNote, type TimelineEntry, type TimelineRevision } from '../timeline/index.js';
import { NoteSchema } from './incidents.schema.js';
import { requireTimelineEntry } from './incidents.timeline-entry.js';

const isAuthor = (ctx: Ctx, note: TimelineEntry): boolean =>
  ctx.actor.type === 'user' && note.actor.type === 'user' && note.actor.id === ctx.actor.userId;

function requireLiveNote(note: TimelineEntry, what: string): void {
  if (note.kind !== 'note')
    throw badRequest(
      `Only notes can be ${what}: entry ${note.id} is a ${note.kind} entry, and the timeline is append-only.`,
    );
  if (note.deleted) throw conflict(`Note ${note.id} was deleted by ${note.deleted.by.label}: it cannot be ${what}.`);
}

/** A new version of your own note. */
export async function editNote(ctx: Ctx, idOrNumber: string, entryId: string, text: string): Promise<TimelineEntry> {
  const { text: note } = NoteSchema.parse({ text });
  return inTransaction(ctx.db, async (tx) => {
    const { incidentId, entry } = await requireTimelineEntry(tx, ctx.actor, idOrNumber, entryId);
    requireLiveNote(entry, 'edited');
    if (!isAuthor(ctx, entry)) throw forbidden(`Only its author (${entry.actor.label}) can edit note ${entry.id}.`);
    await reviseNote(tx, ctx, entry, note);
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.note_edited',
      entityType: 'incident',
      entityId: incidentId,
      before: { timelineEntryId: entry.id, version: entry.version, text: entry.message },
      after: { timelineEntryId: entry.id, version: entry.version + 1, text: note },
    });
    return (await requireTimelineEntry(tx, ctx.actor, incidentId, entry.id)).entry;
  });
}

/** Your own note, or anyone's for an admin (moderation): it becomes a tombstone saying who deleted it. */
export async function deleteNote(ctx: Ctx, idOrNumber: string, entryId: string): Promise<TimelineEntry> {
  return inTransaction(ctx.db, async (tx) => {
    const { incidentId, entry } = await requireTimelineEntry(tx, ctx.actor, idOrNumber, entryId);
    requireLiveNote(entry, 'deleted');
    const asAuthor = isAuthor(ctx, entry);
    if (!asAuthor && !(ctx.actor.type === 'user' && roleAtLeast(ctx.actor.role, 'admin')))
      throw forbidden(`Only its author (${entry.actor.label}) or an admin can delete note ${entry.id}.`);
    await reviseNote(tx, ctx, entry, null);
    await recordAudit(withDb(ctx, tx), {
      action: 'incident.note_deleted',
      entityType: 'incident',
      entityId: incidentId,
      before: { timelineEntryId: entry.id, version: entry.version },
      after: { timelineEntryId: entry.id, version: entry.version + 1, moderation: !asAuthor },
    });
    return (await requireTimelineEntry(tx, ctx.actor, incidentId, entry.id)).entry;
  });
}

/** Every version of a note, with who and when (its texts withheld once deleted). */
export async function getNoteHistory(ctx: Ctx, idOrNumber: string, entryId: string): Promise<TimelineRevision[]> {
  requireRole(ctx.actor, 'stakeholder', 'read incident timelines');
  const { entry } = await requireTimelineEntry(ctx.db, ctx.actor, idOrNumber, entryId);
  if (entry.kind !== 'note') throw badRequest(`Only notes have versions: entry ${entry.id} is a ${entry.kind} entry.`);
  return readNoteHistory(ctx.db, entry);
}
