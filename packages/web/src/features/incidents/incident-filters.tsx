/** Narrows the incident list: which statuses (open ones by default), one service, one team, one urgency. */
import type { IncidentStatus, Urgency } from './incidents.types';
import type { Service } from '../services/services.types';
import type { Team } from '../teams/teams.types';
import { CheckGroup } from '../../ui/check-group';
import { NamedFilter } from '../../ui/named-filter';
import { STATUS_LABELS, STATUSES, URGENCY_LABELS } from './incident-labels';

export interface IncidentFilterValues {
  statuses: IncidentStatus[];
  serviceId: string;
  teamId: string;
  urgency: Urgency | '';
}

interface IncidentFiltersProps {
  values: IncidentFilterValues;
  services: readonly Service[];
  teams: readonly Team[];
  onChange: (values: IncidentFilterValues) => void;
}

export function IncidentFilters({ values, services, teams, onChange }: IncidentFiltersProps) {
  return (
    <form className="panel filters" aria-label="Filter incidents" onSubmit={(event) => event.preventDefault()}>
      <CheckGroup
        legend="Status"
        options={STATUSES}
        labels={STATUS_LABELS}
        selected={values.statuses}
        onChange={(statuses) => onChange({ ...values, statuses })}
      />
      <NamedFilter
        id="incident-filter-service"
        label="Service"
        allLabel="All services"
        options={services}
        value={values.serviceId}
        onChange={(serviceId) => onChange({ ...values, serviceId })}
      />
      <NamedFilter
        id="incident-filter-team"
        label="Team"
        allLabel="All teams"
        options={teams}
        value={values.teamId}
        onChange={(teamId) => onChange({ ...values, teamId })}
      />
      <div className="field">
        <label htmlFor="incident-filter-urgency">Urgency</label>
        <select
          id="incident-filter-urgency"
          value={values.urgency}
          onChange={(event) => onChange({ ...values, urgency: event.target.value as Urgency | '' })}
        >
          <option value="">Any urgency</option>
          {(['high', 'low'] as const).map((urgency) => (
            <option key={urgency} value={urgency}>
              {URGENCY_LABELS[urgency]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
