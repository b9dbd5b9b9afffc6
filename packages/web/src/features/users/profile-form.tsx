/** The signed-in person edits their own name and time zone. */
import { useState } from 'react';
import { SuccessMessage } from '../../ui/feedback';
import { Field, FormError, useForm } from '../../ui/form';
import { useCurrentUser, useSession } from '../auth/session-context';
import { TimeZoneField } from './time-zone-field';
import { updateUser } from './users.api';

export function ProfileForm() {
  const { client, setUser } = useSession();
  const me = useCurrentUser();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const [isSaved, setSaved] = useState(false);

  const form = useForm(
    async () => {
      setSaved(false);
      const body = { name: name.trim(), timeZone: timeZone.trim() };
      setUser(await updateUser(client, me.id, body));
      setSaved(true);
    },
    { 'profile-name': 'body.name', 'profile-time-zone': 'body.timeZone' },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profile</h2>
      <FormError form={form} />
      {isSaved && <SuccessMessage>Your profile is saved.</SuccessMessage>}
      <Field id="profile-name" label="Name" form={form}>
        <input
          id="profile-name"
          required
          maxLength={200}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <TimeZoneField id="profile-time-zone" value={timeZone} onChange={setTimeZone} form={form} />
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
