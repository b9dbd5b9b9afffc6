/** Services as rows: name and slug, owning team, escalation policy, and whether they page right now. */
import { Link } from 'react-router-dom';
import type { Service } from './services.types';
import { Instant } from '../../ui/instant';

export function ServiceTable({ services }: { services: readonly Service[] }) {
  return (
    <table className="table cards">
      <caption className="visually-hidden">Services</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Team</th>
          <th scope="col">Escalation policy</th>
          <th scope="col">Paging</th>
        </tr>
      </thead>
      <tbody>
        {services.map((service) => (
          <tr key={service.id} data-testid="service-row">
            <td className="wrap card-title">
              <Link to={`/app/services/${service.id}`}>{service.name}</Link>{' '}
              <code className="slug">{service.slug}</code>
            </td>
            <td data-label="Team">{service.team?.name ?? <span className="muted">—</span>}</td>
            <td data-label="Policy">{service.escalationPolicy.name}</td>
            <td data-label="Paging">
              <ServicePaging service={service} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServicePaging({ service }: { service: Service }) {
  if (service.isDisabled) return <strong>Disabled</strong>;
  if (service.isInMaintenance)
    return (
      <span>
        <strong>In maintenance</strong> until <Instant iso={service.maintenanceEndsAt} />
      </span>
    );
  return <span>On</span>;
}
