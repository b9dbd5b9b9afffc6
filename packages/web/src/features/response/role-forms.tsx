/**
 * The two forms of the roles panel: hand off a role you hold to someone who
 * may hold it (they accept; nobody is paged), and engage a role for a named
 * person or whoever is on call for it (paged unless they already were).
 */
import { useState } from 'react';
import type { ResponseRole, RoleHolder } from './response.types';
import type { User } from '../users/users.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { canRespond } from '../incidents/incident-labels';
import { engageRole, requestHandoff } from './response.api';

/** People who may hold a role: enabled responders and above. */
function holders(users: readonly User[]): User[] {
  return users.filter((user) => !user.isDisabled && canRespond(user.role));
}

interface HandoffFormProps {
  incidentId: string;
  mine: readonly RoleHolder[];
  users: readonly User[];
  viewerId: string;
  onChanged: () => void;
}

export function HandoffForm({ incidentId, mine, users, viewerId, onChanged }: HandoffFormProps) {
  const { client } = useSession();
  const [role, setRole] = useState(mine[0]?.role.slug ?? '');
  const [toUserId, setToUserId] = useState('');
  const [note, setNote] = useState('');
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await requestHandoff(client, incidentId, { role, toUserId, note: note.trim() });
    setToUserId('');
    setNote('');
    onChanged();
  });
  return (
    <form className="inline-form" aria-label="Hand off" onSubmit={onSubmit}>
      <ErrorMessage error={error} title="The hand-off was not asked:" />
      <div className="field">
        <label htmlFor="handoff-role">Hand off</label>
        <select id="handoff-role" value={role} onChange={(event) => setRole(event.target.value)}>
          {mine.map((holder) => (
            <option key={holder.role.slug} value={holder.role.slug}>
              {holder.role.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="handoff-to">To</label>
        <select id="handoff-to" required value={toUserId} onChange={(event) => setToUserId(event.target.value)}>
          <option value="">Choose someone…</option>
          {holders(users)
            .filter((user) => user.id !== viewerId)
            .map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="handoff-note">Note</label>
        <input id="handoff-note" maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <button type="submit" className="button" disabled={isSubmitting || !toUserId}>
        Ask to take over
      </button>
    </form>
  );
}

interface EngageFormProps {
  incidentId: string;
  roles: readonly ResponseRole[];
  users: readonly User[];
  onChanged: () => void;
}

export function EngageForm({ incidentId, roles, users, onChanged }: EngageFormProps) {
  const { client } = useSession();
  const [role, setRole] = useState('');
  const [userId, setUserId] = useState('');
  const [isPaging, setPaging] = useState(true);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await engageRole(client, incidentId, { role, page: isPaging, ...(userId && { userId }) });
    setRole('');
    setUserId('');
    onChanged();
  });
  return (
    <form className="inline-form" aria-label="Engage a role" onSubmit={onSubmit}>
      <ErrorMessage error={error} title="The role was not engaged:" />
      <div className="field">
        <label htmlFor="engage-role">Engage</label>
        <select id="engage-role" required value={role} onChange={(event) => setRole(event.target.value)}>
          <option value="">Choose a role…</option>
          {roles.map((r) => (
            <option key={r.slug} value={r.slug}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="engage-user">Person</label>
        <select id="engage-user" value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="">Whoever is on call for it</option>
          {holders(users).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input type="checkbox" checked={isPaging} onChange={(event) => setPaging(event.target.checked)} />
        Page them
      </label>
      <button type="submit" className="button" disabled={isSubmitting || !role}>
        Engage
      </button>
    </form>
  );
}
