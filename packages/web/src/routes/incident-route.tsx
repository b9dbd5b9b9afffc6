/**
 * /app/incidents/:id: one incident, everything a responder needs in one
 * place: its facts, the actions, its response (owner, severity, stage,
 * roles), the alerts behind it and the timeline (with notifications, stars
 * and note edits), plus a note box. On a phone the secondary sections fold
 * (ui/fold.tsx), so the summary, status and act buttons fill the first
 * screen. What others do shows without reloading (the live stream).
 */
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { AlertList } from '../features/incidents/alert-list';
import { IncidentActions } from '../features/incidents/incident-actions';
import { canRespond } from '../features/incidents/incident-labels';
import { useIncident, useIncidentStory } from '../features/incidents/incidents.api';
import { IncidentSummary } from '../features/incidents/incident-summary';
import { IncidentTimeline } from '../features/incidents/incident-timeline';
import { NoteForm } from '../features/incidents/note-form';
import { useEscalationPolicies } from '../features/escalation/escalation.api';
import { LiveBadge, useLiveReload } from '../features/live/live-provider';
import { IncidentStatusPagePanel } from '../features/statuspages/incident-status-page-panel';
import { isAdmin } from '../features/users/roles';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { Fold } from '../ui/fold';
import { PageHeader } from '../ui/page-header';
import { IncidentResponseSection } from './incident-response-section';

export function IncidentRoute() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const canAct = canRespond(user.role);
  const incident = useIncident(id);
  // The address may hold the incident's number; its notifications are found by its uuid.
  const story = useIncidentStory(id, incident.data?.id);
  const users = useUsers();
  const policies = useEscalationPolicies(canAct);

  const data = incident.data;
  // What others do shows by itself: the incident's state, and its story.
  useLiveReload(incident.reload, { incidentId: data?.id ?? '-', parts: ['incident', 'paging', 'alerts', 'response'] });
  useLiveReload(story.reload, { incidentId: data?.id ?? '-', parts: ['timeline'] });
  // After an action both change: the incident's state and its story.
  const refresh = () => {
    incident.reload();
    story.reload();
  };
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/incidents">← Incidents</Link>
      </p>
      <PageHeader title={data ? `#${data.number} ${data.title}` : 'Incident'} actions={<LiveBadge />} />
      <ErrorMessage error={incident.error} title="The incident could not be loaded:" />
      {incident.isLoading && !data && <Loading what="the incident" />}
      {data && (
        <div className="stack">
          {/* First what a responder needs first, on a phone's first screen: the facts, the status, the act buttons. */}
          <IncidentSummary incident={data} />
          {canAct && (
            <IncidentActions
              incident={data}
              users={users.data ?? []}
              policies={policies.data ?? []}
              onChanged={refresh}
            />
          )}
          <IncidentResponseSection
            incident={data}
            users={users.data ?? []}
            viewerId={user.id}
            canAct={canAct}
            onChanged={refresh}
          />
          {user.role !== 'stakeholder' && (
            <Fold title="Status page" testId="fold-status-page">
              <IncidentStatusPagePanel
                incident={{ id: data.id, title: data.title, isDeclared: data.response !== null }}
                canAct={canAct}
              />
            </Fold>
          )}
          <Fold title={`Alerts (${data.alerts.length})`} testId="fold-alerts">
            <AlertList alerts={data.alerts} />
          </Fold>
          <ErrorMessage error={story.error} title="The timeline could not be loaded:" />
          <IncidentTimeline
            incidentId={data.id}
            entries={story.data?.entries ?? []}
            notifications={story.data?.notifications ?? []}
            users={users.data ?? []}
            viewerId={user.id}
            canStar={canAct}
            isAdmin={isAdmin(user.role)}
            onChanged={story.reload}
          >
            {canAct && <NoteForm incidentId={data.id} onAdded={story.reload} />}
          </IncidentTimeline>
        </div>
      )}
    </div>
  );
}
