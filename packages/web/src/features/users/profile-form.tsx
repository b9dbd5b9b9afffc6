/** The signed-in person edits their own name and time zone. */
import { useState } from 'react';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser, useSession } from '../auth/session-context';
import { TimeZoneField } from './time-zone-field';
import { updateUser } from './users.api';

export function ProfileForm() {
  const { client, setUser } = useSession();
  const me = useCurrentUser();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [isSaved, setSaved] = useState(false);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    const body = { name: name.trim(), timeZone: timeZone.trim() };
    setUser(await updateUser(client, me.id, body));
    setSaved(true);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <ErrorMessage error={error} />
      {isSaved && <SuccessMessage>Your profile is saved.</SuccessMessage>}
      <div className="field">
        <label htmlFor="profile-name">Name</label>
        <input
          id="profile-name"
          required
          maxLength={200}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
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
