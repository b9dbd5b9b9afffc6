/**
 * /app/analytics/emailed-reports: monthly reports emailed on a schedule
 * (docs/analytics.md "Emailed reports", ADR 26). Admins see and manage every
 * one, a team's managers those of their teams: the list (whose report, when,
 * to whom, the next one due), pause and resume, stop, and a form to set one
 * up. Edit opens that same form with the report's values, under the list in
 * place of the empty one. Others are told who may.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import '../styles/analytics.css';
import { ReportSubscriptionForm, type ReportSubscriptionChoices } from '../features/analytics/report-subscription-form';
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
  // The last report set up or changed here, said above the list.
  const [saved, setSaved] = useState<{ subscription: ReportSubscription; verb: 'is set up' | 'is saved' }>();
  const [editingId, setEditingId] = useState<string>();
  // After an edit, the reader goes back to the report's Edit button, in the list.
  const [returnTo, setReturnTo] = useState<string>();
  useEffect(() => {
    if (returnTo === undefined) return;
    document.getElementById(`sub-edit-${returnTo}`)?.focus();
    setReturnTo(undefined);
  }, [returnTo]);
  const editing = subscriptions.data?.find((s) => s.id === editingId);
  const stopEditing = () => {
    setReturnTo(editingId);
    setEditingId(undefined);
  };
  const choices: ReportSubscriptionChoices = {
    teams: teams.data ?? [],
    services: (services.data ?? []).map((s) => ({ id: s.id, name: s.name, teamId: s.team?.id ?? null })),
    people,
    mayChooseEveryTeam: admin,
    defaultTimeZone: user.timeZone,
  };
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
      {saved && (
        <SuccessMessage>
          “{saved.subscription.name}” {saved.verb}:{' '}
          {saved.subscription.paused ? (
            'it is paused, so nothing goes out until it is resumed'
          ) : (
            <>
              the report of {monthName(saved.subscription.nextMonth)} goes out{' '}
              <Instant iso={saved.subscription.nextSendAt} />
            </>
          )}
          .
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
                  <tr
                    key={s.id}
                    data-testid="report-subscription"
                    className={s.id === editingId ? 'is-editing' : undefined}
                  >
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
                      {s.id === editingId ? (
                        <span className="muted">Being edited below</span>
                      ) : (
                        <div className="confirm">
                          <button
                            type="button"
                            id={`sub-edit-${s.id}`}
                            className="button small"
                            aria-label={`Edit ${s.name}`}
                            disabled={action.isSubmitting}
                            onClick={() => {
                              setSaved(undefined);
                              setEditingId(s.id);
                            }}
                          >
                            Edit
                          </button>
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
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {editing && (
        <ReportSubscriptionForm
          key={editing.id}
          subscription={editing}
          {...choices}
          onSaved={(subscription) => {
            setSaved({ subscription, verb: 'is saved' });
            stopEditing();
            subscriptions.reload();
          }}
          onCancel={stopEditing}
        />
      )}
      {/* Hidden, not gone, while one is edited: what was typed in it stays. */}
      {subscriptions.data && (
        <div hidden={editing !== undefined}>
          <ReportSubscriptionForm
            {...choices}
            onSaved={(subscription) => {
              setSaved({ subscription, verb: 'is set up' });
              subscriptions.reload();
            }}
          />
        </div>
      )}
    </div>
  );
}
