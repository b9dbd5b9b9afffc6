/** Narrows the alert list: which statuses (every one by default) and one service. */
import type { AlertStatus } from './alerts.types';
import type { Service } from '../services/services.types';
import { CheckGroup } from '../../ui/check-group';
import { NamedFilter } from '../../ui/named-filter';
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
  return (
    <form className="panel filters" aria-label="Filter alerts" onSubmit={(event) => event.preventDefault()}>
      <CheckGroup
        legend="Status"
        options={ALERT_STATUSES}
        labels={ALERT_STATUS_LABELS}
        selected={values.statuses}
        onChange={(statuses) => onChange({ ...values, statuses })}
      />
      <NamedFilter
        id="alert-filter-service"
        label="Service"
        allLabel="All services"
        options={services}
        value={values.serviceId}
        onChange={(serviceId) => onChange({ ...values, serviceId })}
      />
    </form>
  );
}
