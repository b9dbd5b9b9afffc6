/** Admins add a person: name, email, role, time zone and an optional first password. */
import { useMemo, useState, type FormEvent } from 'react';
import type { Role, User } from './users.types';
import { Field, FormError, useForm } from '../../ui/form';
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

  const form = useForm(
    async () => {
      const body = { name: name.trim(), email: email.trim(), role, timeZone, ...(password && { password }) };
      const user = await createUser(client, body);
      setName('');
      setEmail('');
      setPassword('');
      onCreated(user);
    },
    {
      'user-name': 'body.name',
      'user-email': 'body.email',
      'user-role': 'body.role',
      'user-time-zone': 'body.timeZone',
      'user-password': 'body.password',
    },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Add a user</h2>
      <FormError form={form} />
      <Field id="user-name" label="Name" form={form}>
        <input
          id="user-name"
          required
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id="user-email" label="Email" form={form}>
        <input
          id="user-email"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </Field>
      <Field id="user-role" label="Role" hint={<>{ROLE_DESCRIPTIONS[role]}.</>} form={form}>
        <select id="user-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <TimeZoneField id="user-time-zone" value={timeZone} onChange={setTimeZone} form={form} />
      <Field
        id="user-password"
        label="First password (optional)"
        hint="At least 12 characters; share it privately and ask them to change it. Leave empty for people who sign in with single sign-on."
        className="span-2"
        form={form}
      >
        <input
          id="user-password"
          type="password"
          minLength={12}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
