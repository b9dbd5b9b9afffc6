/** Admins add a person to a team, as a member or a manager. */
import { useState, type FormEvent } from 'react';
import type { Team } from './teams.types';
import type { User } from '../users/users.types';
import { Field, FormError, useForm } from '../../ui/form';
import { useSession } from '../auth/session-context';
import { setTeamMember } from './teams.api';

export function AddMemberForm({
  team,
  users,
  onChanged,
}: {
  team: Team;
  users: readonly User[];
  onChanged: (team: Team) => void;
}) {
  const { client } = useSession();
  const candidates = users.filter((user) => !team.members.some((member) => member.userId === user.id));
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'member' | 'manager'>('member');
  const idPrefix = `add-member-${team.id}`;
  const form = useForm(
    async () => {
      const updated = await setTeamMember(client, team.id, userId, role);
      setUserId('');
      onChanged(updated);
    },
    { [`${idPrefix}-user`]: 'params.userId', [`${idPrefix}-role`]: 'body.role' },
  );
  const { isSubmitting, onSubmit } = form;

  if (candidates.length === 0) return <p className="muted inline-note">Everyone is already in this team.</p>;

  function handleSubmit(event: FormEvent) {
    if (userId) onSubmit(event);
    else event.preventDefault();
  }

  return (
    <form className="inline-form" onSubmit={handleSubmit} aria-label={`Add a member to ${team.name}`}>
      <FormError form={form} />
      <Field id={`${idPrefix}-user`} label="Person" form={form}>
        <select id={`${idPrefix}-user`} required value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">Choose someone…</option>
          {candidates.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${idPrefix}-role`} label="Team role" form={form}>
        <select
          id={`${idPrefix}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value as 'member' | 'manager')}
        >
          <option value="member">Member</option>
          <option value="manager">Manager</option>
        </select>
      </Field>
      <button type="submit" className="button" disabled={isSubmitting || !userId}>
        Add to team
      </button>
    </form>
  );
}
