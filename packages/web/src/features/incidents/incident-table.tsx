/**
 * Incidents as rows: number, title (with severity, stage and owner when
 * declared), service, status (snoozed shown, with urgency and priority), who
 * it is assigned to, how long ago it triggered; acknowledge and resolve inline. On a
 * phone each row becomes a card (tables.css), its actions a thumb's reach
 * away under the title.
 */
import { Link } from 'react-router-dom';
import type { Incident } from './incidents.types';
import { Ago } from '../../ui/ago';
import { ErrorMessage } from '../../ui/feedback';
import { isOpen } from './incident-labels';
import { ResponseLine } from './response-badges';
import { SnoozedBadge, StatusBadge, UrgencyBadge } from './status-badge';
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
      <table className="table cards incident-table">
        <caption className="visually-hidden">Incidents</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Title</th>
            <th scope="col">Service</th>
            <th scope="col">Status</th>
            <th scope="col">Assigned to</th>
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
              <td className="nowrap card-number">#{incident.number}</td>
              <td className="wrap card-title">
                <Link to={`/app/incidents/${incident.id}`}>{incident.title}</Link>
                {incident.response && <ResponseLine response={incident.response} />}
              </td>
              <td data-label="Service">{incident.service.name}</td>
              <td className="card-status">
                <span className="status-stack">
                  <StatusBadge status={incident.status} />
                  <SnoozedBadge until={incident.snoozedUntil} />
                  <UrgencyBadge urgency={incident.urgency} />
                  {incident.priority && <span className="badge">{incident.priority}</span>}
                </span>
              </td>
              <td data-label="Assigned to" data-testid="incident-assignees">
                {incident.assignees.length > 0 ? (
                  incident.assignees.map((person) => person.name).join(', ')
                ) : (
                  <span className="muted">Nobody</span>
                )}
              </td>
              <td data-label="Triggered" data-testid="incident-triggered">
                <Ago iso={incident.triggeredAt} />
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
