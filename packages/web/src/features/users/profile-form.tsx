/** The signed-in person edits their own name and time zone. */
import { unwrap } from '@tocsin/sdk';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useCurrentUser, useSession } from '../auth/session-context';
import { TimeZoneField } from './time-zone-field';

export function ProfileForm() {
  const { client, setUser } = useSession();
  const me = useCurrentUser();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [error, setError] = useState<unknown>();
  const [isSaved, setSaved] = useState(false);
  const [isSubmitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    setSubmitting(true);
    try {
      const body = { name: name.trim(), timeZone: timeZone.trim() };
      setUser(unwrap(await client.PATCH('/api/v1/users/{id}', { params: { path: { id: me.id } }, body })));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="panel form-grid" onSubmit={(event) => void handleSubmit(event)} aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <ErrorMessage error={error} />
      {isSaved && <SuccessMessage>Your profile is saved.</SuccessMessage>}
      <div className="field">
        <label htmlFor="profile-name">Name</label>
        <input id="profile-name" required maxLength={200} autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <TimeZoneField id="profile-time-zone" value={timeZone} onChange={setTimeZone} />
      <dl className="facts span-2">
        <div>
          <dt>Email</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{me.role} (an admin can change it)</dd>
        </div>
      </dl>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
