/**
 * The Analytics area's filters, every one the API takes (period, team,
 * service, escalation policy, priority, urgency, severity), and how the
 * figures are grouped.
 */
import { NamedFilter } from '../../ui/named-filter';
import { TimeZonePicker } from '../../ui/time-zone-picker';
import { GROUP_BY_LABELS } from './analytics-format';
import type { AnalyticsFilters } from './analytics.types';

type Named = ReadonlyArray<{ id: string; name: string }>;

export interface AnalyticsView extends AnalyticsFilters {
  groupBy: string;
  period: string;
}

interface Props {
  values: AnalyticsView;
  teams: Named;
  services: Named;
  policies: Named;
  onChange: (values: AnalyticsView) => void;
}

const options = (values: readonly string[]) => values.map((value) => ({ id: value, name: value }));

export function AnalyticsFilterForm({ values, teams, services, policies, onChange }: Props) {
  const set = (patch: Partial<AnalyticsView>) => onChange({ ...values, ...patch });
  return (
    <form className="panel filters analytics-filters" aria-label="Filter figures" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="analytics-from">From month</label>
        <input id="analytics-from" type="month" value={values.from} onChange={(e) => set({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="analytics-to">To month</label>
        <input id="analytics-to" type="month" value={values.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="analytics-tz">Months in</label>
        <TimeZonePicker id="analytics-tz" value={values.tz} onChange={(tz) => set({ tz })} />
      </div>
      <NamedFilter
        id="analytics-team"
        label="Team"
        allLabel="All teams"
        options={teams}
        value={values.teamId}
        onChange={(teamId) => set({ teamId })}
      />
      <NamedFilter
        id="analytics-service"
        label="Service"
        allLabel="All services"
        options={services}
        value={values.serviceId}
        onChange={(serviceId) => set({ serviceId })}
      />
      <NamedFilter
        id="analytics-policy"
        label="Escalation policy"
        allLabel="All policies"
        options={policies}
        value={values.policyId}
        onChange={(policyId) => set({ policyId })}
      />
      <NamedFilter
        id="analytics-priority"
        label="Priority"
        allLabel="Any priority"
        options={options(['P1', 'P2', 'P3', 'P4', 'P5'])}
        value={values.priority}
        onChange={(priority) => set({ priority })}
      />
      <NamedFilter
        id="analytics-urgency"
        label="Urgency"
        allLabel="Any urgency"
        options={[
          { id: 'high', name: 'High' },
          { id: 'low', name: 'Low' },
        ]}
        value={values.urgency}
        onChange={(urgency) => set({ urgency })}
      />
      <NamedFilter
        id="analytics-severity"
        label="Severity"
        allLabel="Any severity"
        options={[...options(['S1', 'S2', 'S3', 'S4']), { id: 'none', name: 'Paged only' }]}
        value={values.severity}
        onChange={(severity) => set({ severity })}
      />
      <div className="field">
        <label htmlFor="analytics-group-by">Group by</label>
        <select id="analytics-group-by" value={values.groupBy} onChange={(e) => set({ groupBy: e.target.value })}>
          {Object.entries(GROUP_BY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {values.groupBy === 'period' && (
        <div className="field">
          <label htmlFor="analytics-period">Period</label>
          <select id="analytics-period" value={values.period} onChange={(e) => set({ period: e.target.value })}>
            {['day', 'week', 'month', 'quarter'].map((period) => (
              <option key={period} value={period}>
                {period[0]!.toUpperCase() + period.slice(1)}
              </option>
            ))}
          </select>
        </div>
      )}
    </form>
  );
}
