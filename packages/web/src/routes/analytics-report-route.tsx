/**
 * /app/analytics/report?team=identity&month=2026-11: a team's monthly SLA
 * report as a page (overall figures, by severity and service, every breach
 * with its reason), to read, print or download as CSV or PDF. The month
 * runs from the 1st 00:00 in the viewer's own time zone (their profile's)
 * unless they choose another, kept in the URL (&tz=Europe/Paris).
 */
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import '../styles/analytics.css';
import { formatDuration, formatShare, BREACH_LABELS } from '../features/analytics/analytics-format';
import { utcMonth } from '../features/analytics/analytics-months';
import { GroupTable } from '../features/analytics/analytics-tables';
import { reportCsvUrl, reportPdfUrl, useReport } from '../features/analytics/analytics.api';
import { ShareLinksPanel } from '../features/analytics/share-links-panel';
import { useCurrentUser } from '../features/auth/session-context';
import { isAdmin } from '../features/users/roles';
import { listTimeZones } from '../features/users/time-zones';
import { useTeams } from '../features/teams/teams.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { Instant } from '../ui/instant';
import { NamedFilter } from '../ui/named-filter';
import { PageHeader } from '../ui/page-header';
import { useUrlFilters } from '../ui/use-url-filters';

export function AnalyticsReportRoute() {
  const user = useCurrentUser();
  const [url, setUrl] = useUrlFilters({ team: '', month: utcMonth(new Date(), -1), tz: user.timeZone });
  const zones = useMemo(() => {
    const known = listTimeZones();
    return known.includes(url.tz) ? known : [url.tz, ...known];
  }, [url.tz]);
  const teams = useTeams();
  const report = useReport(url.team, url.month, url.tz);
  const r = report.data;
  const canShare = isAdmin(user.role);
  return (
    <div className="page report-page">
      <PageHeader
        title={r ? `Monthly report — ${r.title}` : 'Monthly report'}
        summary={`Acknowledge and resolve times against the SLA targets, for one team and one month, in ${r?.timeZone ?? url.tz}.`}
        actions={
          <>
            <Link className="button" to="/app/analytics">
              All analytics
            </Link>
            <a className="button" href={reportCsvUrl(url.team, url.month, url.tz)} download>
              Download CSV
            </a>
            <a className="button primary" href={reportPdfUrl(url.team, url.month, url.tz)} download>
              Download PDF
            </a>
          </>
        }
      />
      <form className="panel filters" aria-label="Choose the report" onSubmit={(e) => e.preventDefault()}>
        <NamedFilter
          id="report-team"
          label="Team"
          allLabel="All teams"
          options={(teams.data ?? []).map((t) => ({ id: t.slug, name: t.name }))}
          value={url.team}
          onChange={(team) => setUrl({ ...url, team })}
        />
        <div className="field">
          <label htmlFor="report-month">Month</label>
          <input
            id="report-month"
            type="month"
            value={url.month}
            onChange={(e) => e.target.value && setUrl({ ...url, month: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="report-tz">Time zone</label>
          <select id="report-tz" value={url.tz} onChange={(e) => setUrl({ ...url, tz: e.target.value })}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone === user.timeZone ? `${zone} (yours)` : zone}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorMessage error={report.error} title="The report could not be made:" />
      {!r && !report.error && <Loading what="the report" />}
      {r && (
        <>
          <section className="figure-cards" aria-label="The month">
            <div className="figure-card">
              <span className="figure-label">Incidents</span>
              <strong className="figure-value">{r.overall.count}</strong>
              <span className="figure-note">{r.overall.nearMisses} near misses</span>
            </div>
            <div className="figure-card">
              <span className="figure-label">MTTA</span>
              <strong className="figure-value" data-testid="report-mtta">
                {formatDuration(r.overall.tta.mean)}
              </strong>
              <span className="figure-note">p90 {formatDuration(r.overall.tta.p90)}</span>
            </div>
            <div className="figure-card">
              <span className="figure-label">MTTR</span>
              <strong className="figure-value">{formatDuration(r.overall.ttr.mean)}</strong>
              <span className="figure-note">p90 {formatDuration(r.overall.ttr.p90)}</span>
            </div>
            <div className="figure-card">
              <span className="figure-label">SLA compliance</span>
              <strong className="figure-value" data-testid="report-compliance">
                {formatShare(r.overall.compliance)}
              </strong>
              <span className="figure-note">
                {r.overall.within} within, {r.overall.breached} breached
              </span>
            </div>
          </section>
          <section className="panel flush" aria-label="By severity">
            <h2>By severity</h2>
            <div className="table-scroll">
              <GroupTable groups={r.bySeverity} />
            </div>
          </section>
          <section className="panel flush" aria-label="By service">
            <h2>By service</h2>
            <div className="table-scroll">
              <GroupTable groups={r.byService} />
            </div>
          </section>
          <section className="panel flush" aria-label="Breaches">
            <h2>Breaches</h2>
            {r.breaches.length === 0 ? (
              <p className="muted analytics-none">Every incident met its targets.</p>
            ) : (
              <div className="table-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Incident</th>
                      <th scope="col">Breach</th>
                      <th scope="col">Opened</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.breaches.map((b) => (
                      <tr key={b.incidentId} data-testid="report-breach">
                        <td className="wrap">
                          <Link to={`/app/incidents/${b.incidentId}`}>
                            #{b.number} {b.title}
                          </Link>
                        </td>
                        <td>
                          {b.breaches
                            .map((x) => `${BREACH_LABELS[x.reason]} by ${formatDuration(x.bySeconds)}`)
                            .join('; ')}
                        </td>
                        <td>
                          <Instant iso={b.openedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {canShare && <ShareLinksPanel teamId={r.team?.id} month={r.month} />}
        </>
      )}
    </div>
  );
}
