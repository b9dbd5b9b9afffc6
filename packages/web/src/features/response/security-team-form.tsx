/**
 * Admins name the security team (ADR 18): its members see every private
 * incident. Shows who is on it now; membership itself is edited on the team.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import type { Team } from '../teams/teams.types';
import { setSecurityTeam } from './privacy.api';

interface SecurityTeamFormProps {
  teams: readonly Team[];
  teamId: string | null;
  onSaved: () => void;
}

export function SecurityTeamForm({ teams, teamId, onSaved }: SecurityTeamFormProps) {
  const { client } = useSession();
  const [chosen, setChosen] = useState(teamId ?? '');
  const [isSaved, setSaved] = useState(false);
  useEffect(() => setChosen(teamId ?? ''), [teamId]);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    await setSecurityTeam(client, chosen || null);
    setSaved(true);
    onSaved();
  });
  const current = teams.find((t) => t.id === teamId);

  return (
    <>
      <form className="panel inline-form security-team-form" aria-label="Security team" onSubmit={onSubmit}>
        <ErrorMessage error={error} title="Not saved:" />
        {isSaved && <SuccessMessage>Saved.</SuccessMessage>}
        <div className="field">
          <label htmlFor="security-team">Team whose members see every private incident</label>
          <select
            id="security-team"
            value={chosen}
            onChange={(event) => {
              setSaved(false);
              setChosen(event.target.value);
            }}
          >
            <option value="">No security team</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={isSubmitting || chosen === (teamId ?? '')}>
          Save
        </button>
      </form>
      <section className="panel" aria-labelledby="security-members-heading">
        <h2 id="security-members-heading">Who is on it</h2>
        {!current ? (
          <p className="muted">
            No security team is named: private incidents are seen only by their members, owners and admins.
          </p>
        ) : current.members.length === 0 ? (
          <p className="muted">{current.name} has no members yet.</p>
        ) : (
          <ul className="plain-list follower-list" aria-label="Security team members" data-testid="security-members">
            {current.members.map((member) => (
              <li key={member.userId} className="follower-item">
                <span>
                  {member.name} <span className="muted">{member.email}</span>
                </span>
                <span className="muted">{member.role}</span>
              </li>
            ))}
          </ul>
        )}
        {current && (
          <p className="hint">
            Add or remove its members on the <Link to="/app/teams">Teams</Link> page.
          </p>
        )}
      </section>
    </>
  );
}
