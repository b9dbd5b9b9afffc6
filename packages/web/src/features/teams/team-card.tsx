/** One team: its members and, for admins, adding and removing them. */
import { useState } from 'react';
import type { Membership, Team } from './teams.types';
import type { User } from '../users/users.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSession } from '../auth/session-context';
import { AddMemberForm } from './add-member-form';
import { removeTeamMember } from './teams.api';

interface TeamCardProps {
  team: Team;
  users: readonly User[];
  canManage: boolean;
  onChanged: (team: Team) => void;
}

export function TeamCard({ team, users, canManage, onChanged }: TeamCardProps) {
  const { client } = useSession();
  const [error, setError] = useState<unknown>();
  const [removingId, setRemovingId] = useState<string>();

  async function removeMember(member: Membership) {
    setError(undefined);
    setRemovingId(member.userId);
    try {
      onChanged(await removeTeamMember(client, team.id, member.userId));
    } catch (failure) {
      setError(failure);
    } finally {
      setRemovingId(undefined);
    }
  }

  const headingId = `team-${team.id}`;
  return (
    <article className="panel team" aria-labelledby={headingId}>
      <header className="team-header">
        <h2 id={headingId}>{team.name}</h2>
        <code className="slug">{team.slug}</code>
      </header>
      {team.description && <p>{team.description}</p>}
      <ErrorMessage error={error} />
      {team.members.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Members of {team.name}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Team role</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {team.members.map((member) => (
              <tr key={member.userId}>
                <td>{member.name}</td>
                <td className="wrap">{member.email}</td>
                <td>{member.role}</td>
                {canManage && (
                  <td className="actions">
                    <button
                      type="button"
                      className="button small"
                      disabled={removingId === member.userId}
                      aria-label={`Remove ${member.name} from ${team.name}`}
                      onClick={() => void removeMember(member)}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && <AddMemberForm team={team} users={users} onChanged={onChanged} />}
    </article>
  );
}
