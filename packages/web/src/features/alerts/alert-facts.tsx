/**
 * One alert in full: its fields, where it came from (service, integration,
 * links back to the monitor), the incident it was grouped into, its custom
 * details, and the sender's latest raw payload as received.
 */
import { Link } from 'react-router-dom';
import type { AlertDetail } from './alerts.types';
import type { Incident } from '../incidents/incidents.types';
import type { Service } from '../services/services.types';
import { Instant } from '../../ui/instant';
import { StatusBadge } from '../incidents/status-badge';
import { AlertStatusBadge, SeverityTag } from './alert-badges';
import { AlertSourceLinks, AlertTriggerFacts } from './alert-parts';

interface AlertFactsProps {
  alert: AlertDetail;
  service: Service | undefined;
  incident: Incident | undefined;
}

/** The optional text fields a sender may set, in the order people look for them. */
const TEXT_FIELDS = [
  ['Source', 'source'],
  ['Component', 'component'],
  ['Group', 'group'],
  ['Class', 'class'],
  ['Dedup key', 'dedupKey'],
] as const;

export function AlertFacts({ alert, service, incident }: AlertFactsProps) {
  return (
    <>
      <section className="panel" aria-label="Summary">
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <AlertStatusBadge status={alert.status} />
            </dd>
          </div>
          <div>
            <dt>Severity</dt>
            <dd>
              <SeverityTag severity={alert.severity} />
            </dd>
          </div>
          <div>
            <dt>Service</dt>
            <dd>
              {service ? (
                <Link to={`/app/services/${service.id}`}>{service.name}</Link>
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Incident</dt>
            <dd data-testid="alert-incident">
              <IncidentLink alert={alert} incident={incident} />
            </dd>
          </div>
          {TEXT_FIELDS.map(([label, field]) =>
            alert[field] ? (
              <div key={field}>
                <dt>{label}</dt>
                <dd>
                  <code className="slug">{alert[field]}</code>
                </dd>
              </div>
            ) : null,
          )}
          <AlertTriggerFacts alert={alert} />
          {alert.acknowledgedAt && (
            <div>
              <dt>Acknowledged</dt>
              <dd>
                <Instant iso={alert.acknowledgedAt} precision="second" />
              </dd>
            </div>
          )}
          {alert.resolvedAt && (
            <div>
              <dt>Resolved</dt>
              <dd>
                <Instant iso={alert.resolvedAt} precision="second" />
              </dd>
            </div>
          )}
        </dl>
        <AlertSourceLinks alert={alert} withImages />
      </section>
      {alert.customDetails !== null && alert.customDetails !== undefined && (
        <section className="panel" aria-labelledby="alert-details-heading">
          <h2 id="alert-details-heading">Custom details</h2>
          <pre className="payload">{JSON.stringify(alert.customDetails, null, 2)}</pre>
        </section>
      )}
      <section className="panel" aria-labelledby="alert-raw-heading">
        <h2 id="alert-raw-heading">Raw payload</h2>
        <p className="muted">
          What the sender sent last for this alert, as received; every event it sent is under Events.
        </p>
        <pre className="payload" data-testid="alert-raw">
          {JSON.stringify(alert.raw ?? null, null, 2)}
        </pre>
      </section>
    </>
  );
}

function IncidentLink({ alert, incident }: { alert: AlertDetail; incident: Incident | undefined }) {
  if (!alert.incidentId) {
    return alert.status === 'suppressed' ? (
      <span>None: it arrived during maintenance, so nobody was paged</span>
    ) : (
      <span className="muted">None</span>
    );
  }
  if (!incident) return <Link to={`/app/incidents/${alert.incidentId}`}>Open the incident</Link>;
  return (
    <span>
      <Link to={`/app/incidents/${incident.id}`}>
        #{incident.number} {incident.title}
      </Link>{' '}
      <StatusBadge status={incident.status} />
    </span>
  );
}
