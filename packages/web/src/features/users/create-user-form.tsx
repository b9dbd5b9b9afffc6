/** Admins add a person: name, email, role, time zone and an optional first password. */
import { useMemo, useState, type FormEvent } from 'react';
import type { Role, User } from './users.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser, useSession } from '../auth/session-context';
import { grantableRoles, ROLE_DESCRIPTIONS, ROLE_LABELS } from './roles';
import { TimeZoneField } from './time-zone-field';
import { createUser } from './users.api';

export function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { client } = useSession();
  const me = useCurrentUser();
  const roles = useMemo(() => grantableRoles(me.role), [me.role]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('responder');
  const [timeZone, setTimeZone] = useState('UTC');
  const [password, setPassword] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const body = { name: name.trim(), email: email.trim(), role, timeZone, ...(password && { password }) };
    const user = await createUser(client, body);
    setName('');
    setEmail('');
    setPassword('');
    onCreated(user);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Add a user</h2>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="user-name">Name</label>
        <input
          id="user-name"
          required
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="user-email">Email</label>
        <input
          id="user-email"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="user-role">Role</label>
        <select
          id="user-role"
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          aria-describedby="user-role-hint"
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <p className="hint" id="user-role-hint">
          {ROLE_DESCRIPTIONS[role]}.
        </p>
      </div>
      <TimeZoneField id="user-time-zone" value={timeZone} onChange={setTimeZone} />
      <div className="field span-2">
        <label htmlFor="user-password">First password (optional)</label>
        <input
          id="user-password"
          type="password"
          minLength={12}
          autoComplete="new-password"
          aria-describedby="user-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p className="hint" id="user-password-hint">
          At least 12 characters; share it privately and ask them to change it. Leave empty for people who sign in with
          single sign-on.
        </p>
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
