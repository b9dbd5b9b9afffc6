/**
 * Narrows the incident list: which statuses (open ones by default), one
 * service, one team, one urgency; and for declared incidents which
 * severities and stages, who holds a role now, and "mine" (the viewer owns
 * it or holds a role in it).
 */
import type { IncidentStatus, SeverityKey, Stage, Urgency } from './incidents.types';
import type { Service } from '../services/services.types';
import type { Team } from '../teams/teams.types';
import { CheckGroup } from '../../ui/check-group';
import { NamedFilter } from '../../ui/named-filter';
import {
  OPEN_STAGES,
  SEVERITY_KEYS,
  SEVERITY_LABELS,
  STAGE_LABELS,
  STAGES,
  STATUS_LABELS,
  STATUSES,
  URGENCY_LABELS,
} from './incident-labels';

export interface IncidentFilterValues {
  statuses: IncidentStatus[];
  serviceId: string;
  teamId: string;
  urgency: Urgency | '';
  severities: SeverityKey[];
  stages: Stage[];
  /** A role slug: incidents where someone (with `isMine`, the viewer) holds it now. */
  role: string;
  isMine: boolean;
}

interface IncidentFiltersProps {
  values: IncidentFilterValues;
  services: readonly Service[];
  teams: readonly Team[];
  /** The incident roles, as { id: slug, name }. */
  roles: ReadonlyArray<{ id: string; name: string }>;
  onChange: (values: IncidentFilterValues) => void;
}

export function IncidentFilters({ values, services, teams, roles, onChange }: IncidentFiltersProps) {
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
      <CheckGroup
        legend="Severity"
        options={SEVERITY_KEYS}
        labels={SEVERITY_LABELS}
        selected={values.severities}
        onChange={(severities) => onChange({ ...values, severities })}
      />
      <div className="field">
        <label htmlFor="incident-filter-stage">Stage</label>
        <select
          id="incident-filter-stage"
          value={values.stages.join(',')}
          onChange={(event) =>
            onChange({ ...values, stages: event.target.value.split(',').filter(Boolean) as Stage[] })
          }
        >
          <option value="">Any stage</option>
          <option value={OPEN_STAGES.join(',')}>Not resolved yet</option>
          {STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {STAGE_LABELS[stage]}
            </option>
          ))}
          {values.stages.length > 1 && values.stages.join(',') !== OPEN_STAGES.join(',') && (
            <option value={values.stages.join(',')}>
              {values.stages.map((stage) => STAGE_LABELS[stage]).join(', ')}
            </option>
          )}
        </select>
      </div>
      <NamedFilter
        id="incident-filter-role"
        label="Role held"
        allLabel="Any role"
        options={roles}
        value={values.role}
        onChange={(role) => onChange({ ...values, role })}
      />
      <label className="check mine-filter">
        <input
          type="checkbox"
          checked={values.isMine}
          onChange={(event) => onChange({ ...values, isMine: event.target.checked })}
        />
        Mine: paged to me, owned by me or a role I hold
      </label>
    </form>
  );
}
