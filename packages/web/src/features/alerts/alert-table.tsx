/** Alerts as rows: summary (to the alert), service, status, severity, the incident it was grouped into, trigger count, how long ago it first fired. Cards on a phone (tables.css). */
import { Link } from 'react-router-dom';
import type { Alert } from './alerts.types';
import type { Service } from '../services/services.types';
import { Ago } from '../../ui/ago';
import { AlertStatusBadge, SeverityTag } from './alert-badges';

export function AlertTable({ alerts, services }: { alerts: readonly Alert[]; services: readonly Service[] }) {
  const serviceOf = (id: string) => services.find((service) => service.id === id);
  return (
    <table className="table cards">
      <caption className="visually-hidden">Alerts</caption>
      <thead>
        <tr>
          <th scope="col">Alert</th>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col">Severity</th>
          <th scope="col">Incident</th>
          <th scope="col">Triggers</th>
          <th scope="col">First triggered</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => {
          const service = serviceOf(alert.serviceId);
          return (
            <tr key={alert.id} data-testid="alert-row">
              <td className="wrap card-title">
                <Link to={`/app/alerts/${alert.id}`}>{alert.summary}</Link>
                {alert.source && <span className="muted"> · {alert.source}</span>}
              </td>
              <td data-label="Service">
                {service ? (
                  <Link to={`/app/services/${service.id}`}>{service.name}</Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <AlertStatusBadge status={alert.status} />
              </td>
              <td>
                <SeverityTag severity={alert.severity} />
              </td>
              <td data-label="Incident">
                {alert.incidentId ? (
                  <Link to={`/app/incidents/${alert.incidentId}`} aria-label={`Incident of ${alert.summary}`}>
                    {alert.incidentNumber ? `#${alert.incidentNumber}` : 'Incident'}
                  </Link>
                ) : (
                  <span
                    className="muted"
                    title={alert.status === 'suppressed' ? 'Arrived during maintenance: nobody was paged' : undefined}
                  >
                    None
                  </span>
                )}
              </td>
              <td className="nowrap" data-label="Triggers">
                {alert.triggerCount}
              </td>
              <td data-label="First">
                <Ago iso={alert.firstTriggeredAt} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
