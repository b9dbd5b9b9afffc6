/** "Team" in a list's filters: every team, or one (the incidents of the services it owns). */
import type { Team } from '../../api/types';

interface TeamFilterProps {
  id: string;
  teams: readonly Team[];
  value: string;
  onChange: (teamId: string) => void;
}

export function TeamFilter({ id, teams, value, onChange }: TeamFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Team</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All teams</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}
