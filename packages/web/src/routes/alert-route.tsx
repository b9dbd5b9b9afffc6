/** /app/alerts/:id: one alert with all its fields, the incident it belongs to, the sender's raw payload, and the events it received. */
import { Link, useParams } from 'react-router-dom';
import { AlertEvents } from '../features/alerts/alert-events';
import { AlertFacts } from '../features/alerts/alert-facts';
import { useAlert } from '../features/alerts/alerts.api';
import { useIncident } from '../features/incidents/incidents.api';
import { useService } from '../features/services/services.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function AlertRoute() {
  const { id = '' } = useParams();
  const alert = useAlert(id);
  const service = useService(alert.data?.serviceId || undefined);
  const incident = useIncident(alert.data?.incidentId || undefined);

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
