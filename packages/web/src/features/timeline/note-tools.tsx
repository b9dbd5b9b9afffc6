/**
 * What can be done to a note once written: its author edits or deletes it
 * (an admin may delete it to moderate), and anyone reading sees that it was
 * edited and can open its versions.
 */
import { useState } from 'react';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorMessage, Loading } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { deleteNote, editNote, useNoteHistory } from './timeline.api';
import type { TimelineEntry } from './timeline.types';

interface NoteToolsProps {
  incidentId: string;
  note: TimelineEntry;
  isAuthor: boolean;
  isAdmin: boolean;
  onChanged: () => void;
}

function NoteHistory({ incidentId, note }: { incidentId: string; note: TimelineEntry }) {
  const history = useNoteHistory(incidentId, note.id, note.version);
  return (
    <div className="note-history">
      <ErrorMessage error={history.error} title="The versions could not be loaded:" />
      {history.isLoading && !history.data && <Loading what="the versions" />}
      <ol aria-label="Versions of this note">
        {(history.data ?? []).map((version) => (
          <li key={version.version}>
            <span className="muted">
              v{version.version} · <Instant iso={version.at} precision="second" /> · {version.by.label}
              {version.deleted ? ' deleted it' : ''}
            </span>
            {version.text !== null && <div>{version.text}</div>}
          </li>
        ))}
      </ol>
      {note.deleted && <p className="muted">The texts of a deleted note are not shown.</p>}
    </div>
  );
}

function NoteEditor({ incidentId, note, onDone }: { incidentId: string; note: TimelineEntry; onDone: () => void }) {
  const { client } = useSession();
  const [text, setText] = useState(note.message);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await editNote(client, incidentId, note.id, text.trim());
    onDone();
  });
  return (
    <form className="inline-form note-editor" aria-label="Edit the note" onSubmit={onSubmit}>
      <ErrorMessage error={error} />
      <textarea
        aria-label="Note text"
        required
        rows={2}
        maxLength={20000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button small primary" disabled={isSubmitting || !text.trim()}>
        Save
      </button>
      <button type="button" className="button small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function NoteTools({ incidentId, note, isAuthor, isAdmin, onChanged }: NoteToolsProps) {
  const { client } = useSession();
  const [isEditing, setEditing] = useState(false);
  const [isShowingHistory, setShowingHistory] = useState(false);
  const isLive = note.deleted === null;
  return (
    <div className="note-tools">
      {note.version > 1 && (
        <button
          type="button"
          className="link-button muted"
          aria-expanded={isShowingHistory}
          onClick={() => setShowingHistory(!isShowingHistory)}
        >
          {note.edited ? 'edited' : 'history'}
        </button>
      )}
      {isLive && isAuthor && !isEditing && (
        <button type="button" className="button small" onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
      {isLive && (isAuthor || isAdmin) && (
        <ConfirmButton
          small
          label="Delete"
          ariaLabel="Delete this note"
          confirmLabel="Yes, delete the note"
          warning={isAuthor ? 'It stays as "Note deleted".' : 'Deleting to moderate: it stays as "Note deleted".'}
          onConfirm={async () => {
            await deleteNote(client, incidentId, note.id);
            onChanged();
          }}
        />
      )}
      {isEditing && (
        <NoteEditor
          incidentId={incidentId}
          note={note}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {isShowingHistory && <NoteHistory incidentId={incidentId} note={note} />}
    </div>
  );
}
