/** Narrows the incident list: which statuses (open ones by default), one service, one urgency. */
import type { IncidentStatus, Service, Urgency } from '../../api/paging-types';
import { STATUS_LABELS, STATUSES, URGENCY_LABELS } from './incident-labels';

export interface IncidentFilterValues {
  statuses: IncidentStatus[];
  serviceId: string;
  urgency: Urgency | '';
}

interface IncidentFiltersProps {
  values: IncidentFilterValues;
  services: readonly Service[];
  onChange: (values: IncidentFilterValues) => void;
}

export function IncidentFilters({ values, services, onChange }: IncidentFiltersProps) {
  function toggleStatus(status: IncidentStatus, isChecked: boolean) {
    const statuses = isChecked ? [...values.statuses, status] : values.statuses.filter((s) => s !== status);
    onChange({ ...values, statuses: STATUSES.filter((s) => statuses.includes(s)) });
  }

  return (
    <form className="panel filters" aria-label="Filter incidents" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="field">
        <legend>Status</legend>
        <div className="check-row">
          {STATUSES.map((status) => (
            <label key={status} className="check">
              <input type="checkbox" checked={values.statuses.includes(status)} onChange={(event) => toggleStatus(status, event.target.checked)} />
              {STATUS_LABELS[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="incident-filter-service">Service</label>
        <select id="incident-filter-service" value={values.serviceId} onChange={(event) => onChange({ ...values, serviceId: event.target.value })}>
          <option value="">All services</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </div>
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
