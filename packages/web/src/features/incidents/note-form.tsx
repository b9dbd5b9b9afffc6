/** Adds a note to an incident's timeline: what was tried, what was seen. */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addIncidentNote } from './incidents.api';

export function NoteForm({ incidentId, onAdded }: { incidentId: string; onAdded: () => void }) {
  const { client } = useSession();
  const [text, setText] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await addIncidentNote(client, incidentId, text.trim());
    setText('');
    onAdded();
  });

  return (
    <form className="inline-form" aria-label="Add a note" onSubmit={onSubmit}>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="incident-note">Note</label>
        <textarea
          id="incident-note"
          required
          rows={2}
          maxLength={20000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={isSubmitting || !text.trim()}>
        Add note
      </button>
    </form>
  );
}
