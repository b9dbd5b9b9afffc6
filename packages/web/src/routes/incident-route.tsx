/**
 * /app/incidents/:id: one incident, everything a responder needs in one
 * place: its facts, the actions, the alerts behind it and the timeline
 * (with notifications), plus a note box.
 */
import { unwrap } from '@tocsin/sdk';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { useCurrentUser } from '../features/auth/session-context';
import { AlertList } from '../features/incidents/alert-list';
import { IncidentActions } from '../features/incidents/incident-actions';
import { canRespond } from '../features/incidents/incident-labels';
import { IncidentSummary } from '../features/incidents/incident-summary';
import { IncidentTimeline } from '../features/incidents/incident-timeline';
import { NoteForm } from '../features/incidents/note-form';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function IncidentRoute() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const canAct = canRespond(user.role);
  const incident = useResource(
    async (client) => unwrap(await client.GET('/api/v1/incidents/{id}', { params: { path: { id } } })),
    [id],
  );
  const story = useResource(
    async (client) => {
      const [timeline, notifications] = await Promise.all([
        client.GET('/api/v1/incidents/{id}/timeline', { params: { path: { id } } }),
        // The list takes the incident's uuid; the address may hold its number.
        incident.data
          ? client.GET('/api/v1/notifications', { params: { query: { incidentId: incident.data.id, limit: 200 } } })
          : undefined,
      ]);
      return { entries: unwrap(timeline).items, notifications: notifications ? unwrap(notifications).items : [] };
    },
    [id, incident.data?.id],
  );
  const users = useResource(async (client) => unwrap(await client.GET('/api/v1/users')).items);
  const policies = useResource(
    async (client) => (canAct ? unwrap(await client.GET('/api/v1/escalation-policies')).items : []),
    [canAct],
  );

  const data = incident.data;
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
      <PageHeader title={data ? `#${data.number} ${data.title}` : 'Incident'} />
      <ErrorMessage error={incident.error} title="The incident could not be loaded:" />
      {incident.isLoading && !data && <Loading what="the incident" />}
      {data && (
        <div className="stack">
          <IncidentSummary incident={data} />
          {canAct && (
            <IncidentActions
              incident={data}
              users={users.data ?? []}
              policies={policies.data ?? []}
              onChanged={refresh}
            />
          )}
          <AlertList alerts={data.alerts} />
          <ErrorMessage error={story.error} title="The timeline could not be loaded:" />
          <IncidentTimeline
            entries={story.data?.entries ?? []}
            notifications={story.data?.notifications ?? []}
            users={users.data ?? []}
          >
            {canAct && <NoteForm incidentId={data.id} onAdded={story.reload} />}
          </IncidentTimeline>
        </div>
      )}
    </div>
  );
}
