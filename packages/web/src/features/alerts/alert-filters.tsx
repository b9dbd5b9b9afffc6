/** Narrows the alert list: which statuses (every one by default) and one service. */
import type { AlertStatus, Service } from '../../api/paging-types';
import { ALERT_STATUS_LABELS, ALERT_STATUSES } from './alert-labels';

export interface AlertFilterValues {
  statuses: AlertStatus[];
  serviceId: string;
}

interface AlertFiltersProps {
  values: AlertFilterValues;
  services: readonly Service[];
  onChange: (values: AlertFilterValues) => void;
}

export function AlertFilters({ values, services, onChange }: AlertFiltersProps) {
  function toggleStatus(status: AlertStatus, isChecked: boolean) {
    const statuses = isChecked ? [...values.statuses, status] : values.statuses.filter((s) => s !== status);
    onChange({ ...values, statuses: ALERT_STATUSES.filter((s) => statuses.includes(s)) });
  }

  return (
    <form className="panel filters" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="field">
        <legend>Status</legend>
        <div className="check-row">
          {ALERT_STATUSES.map((status) => (
            <label key={status} className="check">
              <input type="checkbox" checked={values.statuses.includes(status)} onChange={(event) => toggleStatus(status, event.target.checked)} />
              {ALERT_STATUS_LABELS[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="alert-filter-service">Service</label>
        <select id="alert-filter-service" value={values.serviceId} onChange={(event) => onChange({ ...values, serviceId: event.target.value })}>
          <option value="">All services</option>
          {services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
