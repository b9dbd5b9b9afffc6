/**
 * What people add beside an entry without rewriting it: a star for the
 * postmortem, and a note's later versions (an edit, or its deletion, which
 * leaves a tombstone). The entry row itself is never changed; the caller's
 * use case has checked who may do this.
 */
import type { Db } from '../../db/client.js';
import type { TimelineEntry, TimelineRevision } from './timeline.schema.js';
import type { TimelineContext } from './timeline.types.js';
import { deleteStar, insertRevision, insertStar, selectRevisions } from './timeline-marks.repo.js';
import { selectFirstMessage } from './timeline.repo.js';

const userIdOf = (by: TimelineContext): string | null => (by.actor.type === 'user' ? by.actor.userId : null);

/** Stars the entry; false when it already was (the first star stands). */
export async function starTimelineEntry(db: Db, by: TimelineContext, entryId: string): Promise<boolean> {
  return insertStar(db, {
    entry_id: entryId,
    starred_at: by.clock.now(),
    actor_id: userIdOf(by) ?? by.actor.label,
    actor_label: by.actor.label,
  });
}

/** Removes the entry's star; false when it had none. */
export async function unstarTimelineEntry(db: Db, entryId: string): Promise<boolean> {
  return deleteStar(db, entryId);
}

/**
 * Writes the note's next version: new text, or null for its deletion. Made
 * from the version the caller read, so of two at once only one is written
 * (the other is a unique violation: a 409).
 */
export async function reviseNote(db: Db, by: TimelineContext, note: TimelineEntry, text: string | null): Promise<void> {
  await insertRevision(db, {
    entry_id: note.id,
    version: note.version + 1,
    at: by.clock.now(),
    actor_id: userIdOf(by),
    actor_label: by.actor.label,
    source: by.source,
    message: text,
  });
}

/** Every version of a note with who and when, the first being the entry; a deleted note's texts are withheld. */
export async function readNoteHistory(db: Db, note: TimelineEntry): Promise<TimelineRevision[]> {
  const withheld = note.deleted !== null;
  const first: TimelineRevision = {
    version: 1,
    at: note.at,
    by: { id: note.actor.id, label: note.actor.label },
    source: note.source,
    text: withheld ? null : await selectFirstMessage(db, note.id),
    deleted: false,
  };
  const later = (await selectRevisions(db, note.id)).map((r): TimelineRevision => ({
    version: r.version,
    at: r.at.toISOString(),
    by: { id: r.actor_id, label: r.actor_label },
    source: r.source as TimelineRevision['source'],
    text: withheld ? null : r.message,
    deleted: r.message === null,
  }));
  return [first, ...later];
}
