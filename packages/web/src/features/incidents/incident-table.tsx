/** Incidents as rows: number, title (with severity, stage and owner when declared), service, status, urgency, priority, when triggered; acknowledge and resolve inline. */
import { Link } from 'react-router-dom';
import type { Incident } from './incidents.types';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { isOpen } from './incident-labels';
import { ResponseLine } from './response-badges';
import { StatusBadge, UrgencyBadge } from './status-badge';
import { useIncidentAction } from './use-incident-action';

interface IncidentTableProps {
  incidents: readonly Incident[];
  canAct: boolean;
  onChanged: (incident: Incident) => void;
}

export function IncidentTable({ incidents, canAct, onChanged }: IncidentTableProps) {
  const action = useIncidentAction(onChanged);
  return (
    <>
      <ErrorMessage error={action.error} title="That did not work:" />
      <table className="table">
        <caption className="visually-hidden">Incidents</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Title</th>
            <th scope="col">Service</th>
            <th scope="col">Status</th>
            <th scope="col">Urgency</th>
            <th scope="col">Priority</th>
            <th scope="col">Triggered</th>
            {canAct && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} data-testid="incident-row">
              <td className="nowrap">#{incident.number}</td>
              <td className="wrap">
                <Link to={`/app/incidents/${incident.id}`}>{incident.title}</Link>
                {incident.response && <ResponseLine response={incident.response} />}
              </td>
              <td>{incident.service.name}</td>
              <td>
                <StatusBadge status={incident.status} />
              </td>
              <td>
                <UrgencyBadge urgency={incident.urgency} />
              </td>
              <td>{incident.priority ?? <span className="muted">—</span>}</td>
              <td>
                <Instant iso={incident.triggeredAt} />
              </td>
              {canAct && (
                <td className="actions">
                  {isOpen(incident.status) && (
                    <span className="confirm">
                      {incident.status === 'triggered' && (
                        <button
                          type="button"
                          className="button small"
                          disabled={action.busy !== undefined}
                          aria-label={`Acknowledge #${incident.number}`}
                          onClick={() => void action.run(incident.id, 'acknowledge')}
                        >
                          Acknowledge
                        </button>
                      )}
                      <button
                        type="button"
                        className="button small"
                        disabled={action.busy !== undefined}
                        aria-label={`Resolve #${incident.number}`}
                        onClick={() => void action.run(incident.id, 'resolve')}
                      >
                        Resolve
                      </button>
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
