/** Adds a note to an incident's timeline: what was tried, what was seen. */
import { unwrap } from '@tocsin/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSession } from '../auth/session-context';

export function NoteForm({ incidentId, onAdded }: { incidentId: string; onAdded: () => void }) {
  const { client } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const [isSubmitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSubmitting(true);
    try {
      unwrap(await client.POST('/api/v1/incidents/{id}/notes', { params: { path: { id: incidentId } }, body: { text: text.trim() } }));
      setText('');
      onAdded();
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="inline-form" aria-label="Add a note" onSubmit={(event) => void handleSubmit(event)}>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="incident-note">Note</label>
        <textarea id="incident-note" required rows={2} maxLength={20000} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <button type="submit" className="button" disabled={isSubmitting || !text.trim()}>
        Add note
      </button>
    </form>
  );
}
