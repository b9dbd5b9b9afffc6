/**
 * Narrows the incident list: which statuses (open ones by default), one
 * service, one team, one urgency; and for declared incidents which
 * severities and stages, who holds a role now, and "mine" (the viewer owns
 * it or holds a role in it). On a phone the form folds behind a Filters
 * button that says what is set, so the incidents come first on the screen.
 */
import { useState } from 'react';
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

/** What the filters are set to, in a line: the statuses shown, then every other filter set. */
export function filterSummary(
  values: IncidentFilterValues,
  names: { services: readonly Service[]; teams: readonly Team[]; roles: ReadonlyArray<{ id: string; name: string }> },
): string {
  const nameIn = (list: ReadonlyArray<{ id: string; name: string }>, id: string) =>
    list.find((item) => item.id === id)?.name ?? 'one';
  const parts = [values.statuses.length > 0 ? values.statuses.map((s) => STATUS_LABELS[s]).join(', ') : 'Any status'];
  if (values.serviceId) parts.push(nameIn(names.services, values.serviceId));
  if (values.teamId) parts.push(nameIn(names.teams, values.teamId));
  if (values.urgency) parts.push(`${URGENCY_LABELS[values.urgency]} urgency`);
  if (values.severities.length > 0) parts.push(values.severities.map((s) => SEVERITY_LABELS[s]).join(', '));
  if (values.stages.length > 0)
    parts.push(
      values.stages.join(',') === OPEN_STAGES.join(',')
        ? 'Not resolved yet'
        : values.stages.map((stage) => STAGE_LABELS[stage]).join(', '),
    );
  if (values.role) parts.push(`${nameIn(names.roles, values.role)} held`);
  if (values.isMine) parts.push('Mine');
  return parts.join(' · ');
}

export function IncidentFilters({ values, services, teams, roles, onChange }: IncidentFiltersProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className={open ? 'filter-block is-open' : 'filter-block'}>
      <button
        type="button"
        className="button filters-toggle"
        aria-expanded={open}
        aria-controls="incident-filters"
        onClick={() => setOpen(!open)}
      >
        <span className="filters-toggle-label">{open ? 'Hide filters' : 'Filters'}</span>
        <span className="filters-summary">{filterSummary(values, { services, teams, roles })}</span>
      </button>
      <IncidentFilterForm values={values} services={services} teams={teams} roles={roles} onChange={onChange} />
    </div>
  );
}

function IncidentFilterForm({ values, services, teams, roles, onChange }: IncidentFiltersProps) {
  return (
    <form
      id="incident-filters"
      className="panel filters"
      aria-label="Filter incidents"
      onSubmit={(event) => event.preventDefault()}
    >
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
