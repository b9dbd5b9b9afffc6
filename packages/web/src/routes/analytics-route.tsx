/**
 * /app/analytics: MTTA, MTTR, time to mitigate and SLA compliance
 * (docs/analytics.md) over chosen months (in the viewer's zone unless `tz`
 * names another), with every filter the API takes
 * and a grouping, all kept in the URL; a chart and a table per group, and
 * the incidents behind the figures (click a group to narrow to it).
 */
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import '../styles/analytics.css';
import { AnalyticsChart } from '../features/analytics/analytics-chart';
import { AnalyticsFilterForm, type AnalyticsView } from '../features/analytics/analytics-filters';
import { formatDuration, formatShare } from '../features/analytics/analytics-format';
import { defaultMonths } from '../features/analytics/analytics-months';
import { GroupTable, IncidentFiguresTable } from '../features/analytics/analytics-tables';
import { useIncidentFigures, useSummary } from '../features/analytics/analytics.api';
import { OnCallHealthPanel } from '../features/analytics/oncall-health-panel';
import type { GroupBy, GroupFigures, Period } from '../features/analytics/analytics.types';
import { useCurrentUser } from '../features/auth/session-context';
import { useEscalationPolicies } from '../features/escalation/escalation.api';
import { useServices } from '../features/services/services.api';
import { useTeams } from '../features/teams/teams.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import { useUrlFilters } from '../ui/use-url-filters';

const DEFAULTS = {
  tz: 'UTC',
  teamId: '',
  serviceId: '',
  policyId: '',
  priority: '',
  urgency: '',
  severity: '',
  groupBy: 'severity',
  period: 'month',
  breached: '',
};

/** The filter that narrows to one group (null when the grouping has none, e.g. a week). */
function narrowTo(view: AnalyticsView, group: GroupFigures): Partial<AnalyticsView> | null {
  const key = group.key ?? '';
  switch (view.groupBy) {
    case 'team':
      return { teamId: key };
    case 'service':
      return { serviceId: key };
    case 'policy':
      return { policyId: key };
    case 'severity':
      return { severity: key };
    case 'priority':
      return key === 'none' ? null : { priority: key };
    case 'urgency':
      return { urgency: key };
    case 'period':
      return view.period === 'month' ? { from: key.slice(0, 7), to: key.slice(0, 7) } : null;
    default:
      return null;
  }
}

export function AnalyticsRoute() {
  const user = useCurrentUser();
  // The default months are counted from today's UTC date, read when the page opens (not when the bundle loaded);
  // they start in the viewer's own zone unless the URL names another (as on the monthly report).
  const defaults = useMemo(() => ({ ...DEFAULTS, ...defaultMonths(new Date()), tz: user.timeZone }), [user.timeZone]);
  const [url, setUrl] = useUrlFilters(defaults, {
    groupBy: ['none', 'severity', 'priority', 'urgency', 'team', 'service', 'policy', 'period'],
    period: ['day', 'week', 'month', 'quarter'],
    breached: ['true'],
  });
  const teams = useTeams();
  const services = useServices();
  const policies = useEscalationPolicies();
  const overall = useSummary(url, 'none', 'month');
  const grouped = useSummary(url, url.groupBy as GroupBy, url.period as Period);
  const incidents = useIncidentFigures(url, url.breached === 'true');
  const all = overall.data?.groups[0];
  const drill = (patch: Partial<typeof url>) => {
    setUrl({ ...url, ...patch });
    document.getElementById('analytics-incidents')?.scrollIntoView({ block: 'start' });
  };
  const pick = (group: GroupFigures) => {
    const narrowed = narrowTo(url, group);
    if (narrowed) drill(narrowed);
  };
  const reportTeam = teams.data?.find((t) => t.id === url.teamId)?.slug ?? '';

  return (
    <div className="page">
      <PageHeader
        title="Analytics"
        summary="How fast incidents are acknowledged and resolved, and how many met their SLA targets. Incidents count in the month they opened, with the team they had then."
        actions={
          <>
            <Link className="button" to="/app/analytics/targets">
              SLA targets
            </Link>
            <Link className="button" to="/app/analytics/emailed-reports">
              Emailed reports
            </Link>
            <Link
              className="button primary"
              to={`/app/analytics/report?${new URLSearchParams({ team: reportTeam, month: url.to, tz: url.tz })}`}
            >
              Monthly report
            </Link>
          </>
        }
      />
      <AnalyticsFilterForm
        values={url}
        teams={teams.data ?? []}
        services={services.data ?? []}
        policies={policies.data ?? []}
        onChange={(next) => setUrl({ ...url, ...next })}
      />
      <ErrorMessage error={overall.error ?? grouped.error} title="The figures could not be loaded:" />
      {!overall.data && !overall.error && <Loading what="figures" />}
      {all && (
        <section className="figure-cards" aria-label="Figures">
          <Figure
            label="Incidents"
            value={String(all.count)}
            note={all.nearMisses ? `+${all.nearMisses} near misses` : ''}
            onClick={() => drill({ breached: '' })}
          />
          <Figure
            label="MTTA"
            value={formatDuration(all.tta.mean)}
            note={`median ${formatDuration(all.tta.median)} · p90 ${formatDuration(all.tta.p90)}`}
            onClick={() => drill({ breached: '' })}
          />
          <Figure
            label="Time to mitigate"
            value={formatDuration(all.ttm.mean)}
            note={`median ${formatDuration(all.ttm.median)}`}
            onClick={() => drill({ breached: '' })}
          />
          <Figure
            label="MTTR"
            value={formatDuration(all.ttr.mean)}
            note={`median ${formatDuration(all.ttr.median)} · p90 ${formatDuration(all.ttr.p90)}`}
            onClick={() => drill({ breached: '' })}
          />
          <Figure
            label="SLA compliance"
            value={formatShare(all.compliance)}
            note={`${all.breached} breached, ${all.pending} pending`}
            onClick={() => drill({ breached: 'true' })}
          />
          <Figure
            label="Escalated"
            value={formatShare(all.escalationRate)}
            note={`acked by integration ${formatShare(all.ackedByIntegrationShare)}`}
            onClick={() => drill({ breached: '' })}
          />
        </section>
      )}
      {grouped.data && grouped.data.groups.length === 0 && (
        <EmptyState title="No incidents in this period">
          <p>Widen the months or clear a filter.</p>
        </EmptyState>
      )}
      {grouped.data && grouped.data.groups.length > 0 && (
        <section className="panel" aria-label="By group">
          <AnalyticsChart groups={grouped.data.groups} onPick={pick} />
          <div className="table-scroll">
            <GroupTable groups={grouped.data.groups} onPick={pick} />
          </div>
        </section>
      )}
      <section className="panel flush" id="analytics-incidents" aria-label="Incidents behind the figures">
        <header className="analytics-incidents-header">
          <h2>{url.breached === 'true' ? 'Breaches' : 'Incidents'}</h2>
          <label>
            <input
              type="checkbox"
              checked={url.breached === 'true'}
              onChange={(e) => setUrl({ ...url, breached: e.target.checked ? 'true' : '' })}
            />{' '}
            Breaches only
          </label>
        </header>
        <ErrorMessage error={incidents.error} title="The incidents could not be loaded:" />
        {incidents.data?.length === 0 && <p className="muted analytics-none">No incidents match.</p>}
        {incidents.data && incidents.data.length > 0 && (
          <div className="table-scroll">
            <IncidentFiguresTable incidents={incidents.data} />
          </div>
        )}
      </section>
      <OnCallHealthPanel from={url.from} to={url.to} teamId={url.teamId} tz={url.tz} />
    </div>
  );
}

function Figure({ label, value, note, onClick }: { label: string; value: string; note: string; onClick: () => void }) {
  return (
    <button type="button" className="figure-card" onClick={onClick} data-testid="figure">
      <span className="figure-label">{label}</span>
      <strong className="figure-value">{value}</strong>
      <span className="figure-note">{note}</span>
    </button>
  );
}
