/** /app/alerts/:id: one alert with all its fields, the incident it belongs to, the sender's raw payload, and the events it received. */
import { unwrap } from '@tocsin/sdk';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { AlertEvents } from '../features/alerts/alert-events';
import { AlertFacts } from '../features/alerts/alert-facts';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function AlertRoute() {
  const { id = '' } = useParams();
  const alert = useResource(
    async (client) => unwrap(await client.GET('/api/v1/alerts/{id}', { params: { path: { id } } })),
    [id],
  );
  const serviceId = alert.data?.serviceId;
  const incidentId = alert.data?.incidentId;
  const service = useResource(
    async (client) =>
      serviceId
        ? unwrap(await client.GET('/api/v1/services/{id}', { params: { path: { id: serviceId } } }))
        : undefined,
    [serviceId],
  );
  const incident = useResource(
    async (client) =>
      incidentId
        ? unwrap(await client.GET('/api/v1/incidents/{id}', { params: { path: { id: incidentId } } }))
        : undefined,
    [incidentId],
  );

  const data = alert.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/alerts">← Alerts</Link>
      </p>
      <PageHeader title={data?.summary ?? 'Alert'} />
      <ErrorMessage error={alert.error} title="The alert could not be loaded:" />
      {alert.isLoading && !data && <Loading what="the alert" />}
      {data && (
        <div className="stack">
          <ErrorMessage error={service.error} title="Its service could not be loaded:" />
          <ErrorMessage error={incident.error} title="Its incident could not be loaded:" />
          <AlertFacts alert={data} service={service.data} incident={incident.data} />
          <AlertEvents alertId={data.id} />
        </div>
      )}
    </div>
  );
}
