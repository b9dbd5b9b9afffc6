/**
 * /app/analytics/emailed-reports: monthly reports emailed on a schedule
 * (docs/analytics.md "Emailed reports", ADR 26). Admins see and manage every
 * one, a team's managers those of their teams: the list (whose report, when,
 * to whom, the next one due), pause and resume, stop, and a form to set one
 * up. Others are told who may.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import '../styles/analytics.css';
import { ReportSubscriptionForm } from '../features/analytics/report-subscription-form';
import {
  deleteReportSubscription,
  isRefusal,
  updateReportSubscription,
  useReportSubscriptions,
  type ReportSubscription,
} from '../features/analytics/report-subscriptions.api';
import { useCurrentUser, useSession } from '../features/auth/session-context';
import { useServices } from '../features/services/services.api';
import { useTeams } from '../features/teams/teams.api';
import { isAdmin } from '../features/users/roles';
import { useUsers } from '../features/users/users.api';
import { ConfirmButton } from '../ui/confirm-button';
import { ErrorMessage, Loading, SuccessMessage } from '../ui/feedback';
import { Instant } from '../ui/instant';
import { PageHeader } from '../ui/page-header';
import { useSubmit } from '../ui/use-submit';

/** "2026-11" as "November 2026". */
const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export function AnalyticsSubscriptionsRoute() {
  const user = useCurrentUser();
  const { client } = useSession();
  const subscriptions = useReportSubscriptions();
  const teams = useTeams();
  const services = useServices();
  const admin = isAdmin(user.role);
  // Stakeholders cannot read analytics: the API refuses them as recipients (their address can be given instead).
  const users = useUsers();
  const people = (users.data ?? [])
    .filter((u) => u.role !== 'stakeholder')
    .map((u) => ({ id: u.id, name: `${u.name} (${u.email})` }));
  const [created, setCreated] = useState<ReportSubscription>();
  const action = useSubmit();
  const isRefused = isRefusal(subscriptions.error);
  const teamName = (id: string | null) =>
    id === null ? 'Every team' : (teams.data?.find((t) => t.id === id)?.name ?? 'A team');
  const personName = (id: string) => users.data?.find((u) => u.id === id)?.name ?? 'Someone';
  const change = (id: string, paused: boolean) =>
    action.run(async () => {
      await updateReportSubscription(client, id, { paused });
      subscriptions.reload();
    });

  return (
    <div className="page subscriptions-page">
      <PageHeader
        title="Emailed reports"
        summary="A team's monthly SLA report by email, on a day and time of each month, with the CSV and PDF attached. Each person gets it as they would see it here."
        actions={
          <Link className="button" to="/app/analytics">
            All analytics
          </Link>
        }
      />
      {isRefused ? (
        <p className="notice">
          Only admins, or managers of a team, set up emailed reports. Ask one of them, or open the{' '}
          <Link to="/app/analytics/report">monthly report</Link> yourself.
        </p>
      ) : (
        <ErrorMessage error={subscriptions.error} title="The emailed reports could not be loaded:" />
      )}
      {!subscriptions.data && !subscriptions.error && <Loading what="the emailed reports" />}
      {created && (
        <SuccessMessage>
          “{created.name}” is set up: the report of {monthName(created.nextMonth)} goes out{' '}
          <Instant iso={created.nextSendAt} />.
        </SuccessMessage>
      )}
      {subscriptions.data && (
        <section className="panel flush" aria-labelledby="subs-heading">
          <h2 id="subs-heading">Sent every month</h2>
          <ErrorMessage error={action.error} title="That did not work:" />
          {subscriptions.data.length === 0 ? (
            <p className="muted analytics-none">No report is emailed yet: set one up below.</p>
          ) : (
            <table className="table cards">
              <thead>
                <tr>
                  <th scope="col">Report</th>
                  <th scope="col">When</th>
                  <th scope="col">To</th>
                  <th scope="col">Next</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.data.map((s) => (
                  <tr key={s.id} data-testid="report-subscription">
                    <td className="wrap card-title">
                      {s.name}{' '}
                      <span className="muted subscription-scope">
                        {teamName(s.teamId)}
                        {s.serviceIds.length > 0 &&
                          `, ${s.serviceIds.length} service${s.serviceIds.length === 1 ? '' : 's'}`}
                      </span>
                    </td>
                    <td data-label="When">
                      Day {s.dayOfMonth} at {s.sendTime} <span className="muted">{s.timeZone}</span>
                    </td>
                    <td data-label="To" className="wrap">
                      {[...s.recipientUserIds.map(personName), ...s.recipientEmails].join(', ')}
                      {s.recipientEmails.length > 0 && (
                        <span className="muted">
                          {s.showIncidentTitles ? ' (addresses see titles)' : ' (addresses see numbers)'}
                        </span>
                      )}
                    </td>
                    <td data-label="Next">
                      {s.paused ? (
                        <strong>Paused</strong>
                      ) : (
                        <>
                          <Instant iso={s.nextSendAt} /> <span className="muted">({monthName(s.nextMonth)})</span>
                        </>
                      )}
                    </td>
                    <td className="actions">
                      <div className="confirm">
                        <button
                          type="button"
                          className="button small"
                          aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
                          disabled={action.isSubmitting}
                          onClick={() => change(s.id, !s.paused)}
                        >
                          {s.paused ? 'Resume' : 'Pause'}
                        </button>
                        <ConfirmButton
                          small
                          label="Stop"
                          ariaLabel={`Stop ${s.name}`}
                          confirmLabel="Yes, stop it"
                          warning="No more emails; those sent stay sent."
                          onConfirm={async () => {
                            await deleteReportSubscription(client, s.id);
                            subscriptions.reload();
                          }}
                        />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {subscriptions.data && (
        <ReportSubscriptionForm
          teams={teams.data ?? []}
          services={(services.data ?? []).map((s) => ({ id: s.id, name: s.name, teamId: s.team?.id ?? null }))}
          people={people}
          mayChooseEveryTeam={admin}
          defaultTimeZone={user.timeZone}
          onCreated={(subscription) => {
            setCreated(subscription);
            subscriptions.reload();
          }}
        />
      )}
    </div>
  );
}
