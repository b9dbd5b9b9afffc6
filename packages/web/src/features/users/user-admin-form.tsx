/**
 * An admin changes someone else: name, role and time zone; disables or
 * re-enables their sign-in; sets a new password for them (a reset: they
 * sign in with it and change it from their profile).
 */
import { useMemo, useState } from 'react';
import type { Role, User } from './users.types';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { Field, FormError, useForm } from '../../ui/form';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser, useSession } from '../auth/session-context';
import { grantableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS } from './roles';
import { TimeZoneField } from './time-zone-field';
import { updateUser } from './users.api';

export function UserAdminForm({ user, onChanged }: { user: User; onChanged: (user: User) => void }) {
  const { client } = useSession();
  const me = useCurrentUser();
  const roles = useMemo(() => {
    const grantable = grantableRoles(me.role);
    return grantable.includes(user.role) ? grantable : [user.role, ...grantable];
  }, [me.role, user.role]);
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [timeZone, setTimeZone] = useState(user.timeZone);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<string>();
  const isSelf = user.id === me.id;

  const profile = useForm(
    async () => {
      setDone(undefined);
      onChanged(await updateUser(client, user.id, { name: name.trim(), role, timeZone: timeZone.trim() }));
      setDone(`${name.trim()} is saved.`);
    },
    { 'edit-user-name': 'body.name', 'edit-user-role': 'body.role', 'edit-user-time-zone': 'body.timeZone' },
  );
  const access = useSubmit();
  const reset = useForm(
    async () => {
      setDone(undefined);
      onChanged(await updateUser(client, user.id, { password }));
      setPassword('');
      setDone(`${user.name} has a new password: tell them, and ask them to change it from their profile.`);
    },
    { 'edit-user-password': 'body.password' },
  );

  const toggleDisabled = () =>
    access.run(async () => {
      setDone(undefined);
      const changed = await updateUser(client, user.id, { isDisabled: !user.isDisabled });
      onChanged(changed);
      setDone(
        changed.isDisabled ? `${user.name} can no longer sign in or be paged.` : `${user.name} is enabled again.`,
      );
    });

  return (
    <>
      {done && <SuccessMessage>{done}</SuccessMessage>}
      <form className="panel form-grid" onSubmit={profile.onSubmit} aria-labelledby="user-profile-heading">
        <h2 id="user-profile-heading" className="span-2">
          Profile and role
        </h2>
        <FormError form={profile} />
        <Field id="edit-user-name" label="Name" form={profile}>
          <input
            id="edit-user-name"
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field
          id="edit-user-role"
          label="Role"
          hint={isSelf ? 'Another admin changes your own role.' : ROLE_DESCRIPTIONS[role]}
          form={profile}
        >
          <select
            id="edit-user-role"
            value={role}
            disabled={isSelf}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <TimeZoneField id="edit-user-time-zone" value={timeZone} onChange={setTimeZone} form={profile} />
        <div className="form-actions span-2">
          <button type="submit" className="button primary" disabled={profile.isSubmitting}>
            Save
          </button>
        </div>
      </form>
      {!isSelf && (
        <section className="panel" aria-labelledby="user-access-heading">
          <h2 id="user-access-heading">Sign-in</h2>
          <ErrorMessage error={access.error} />
          <p>
            {user.isDisabled
              ? 'Disabled: cannot sign in, use tokens or be paged.'
              : user.hasPassword
                ? 'Signs in with a password.'
                : 'Signs in with single sign-on only (no password yet).'}
          </p>
          <button
            type="button"
            className={user.isDisabled ? 'button primary' : 'button danger'}
            disabled={access.isSubmitting}
            onClick={() => void toggleDisabled()}
          >
            {user.isDisabled ? 'Re-enable' : 'Disable'}
          </button>
          <form className="inline-form" aria-label="Set a new password" onSubmit={reset.onSubmit}>
            <FormError form={reset} />
            <Field id="edit-user-password" label="New password (at least 12 characters)" form={reset}>
              <input
                id="edit-user-password"
                type="password"
                autoComplete="new-password"
                minLength={12}
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </Field>
            <button type="submit" className="button" disabled={reset.isSubmitting}>
              Set password
            </button>
          </form>
        </section>
      )}
    </>
  );
}
