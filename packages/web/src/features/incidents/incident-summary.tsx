/** The facts of one incident at a glance: private or not, severity, stage and owner when declared, paging status, urgency, priority, service, assignees, and who acknowledged or resolved it. */
import { Link } from 'react-router-dom';
import type { Incident } from './incidents.types';
import { Instant } from '../../ui/instant';
import { OwnerName, PrivateBadge, SeverityBadge, StageBadge } from './response-badges';
import { StatusBadge, UrgencyBadge } from './status-badge';

export function IncidentSummary({ incident }: { incident: Incident }) {
  return (
    <section className="panel" aria-label="Summary">
      <dl className="facts">
        {incident.response?.private && (
          <div>
            <dt>Visibility</dt>
            <dd>
              <PrivateBadge />
            </dd>
          </div>
        )}
        {incident.response && (
          <>
            <div>
              <dt>Severity</dt>
              <dd>
                <SeverityBadge response={incident.response} />
              </dd>
            </div>
            <div>
              <dt>Stage</dt>
              <dd>
                <StageBadge response={incident.response} />
              </dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>
                <OwnerName response={incident.response} />
              </dd>
            </div>
          </>
        )}
        <div>
          <dt>{incident.response ? 'Paging' : 'Status'}</dt>
          <dd data-testid="incident-summary-status">
            <StatusBadge status={incident.status} />
          </dd>
        </div>
        <div>
          <dt>Urgency</dt>
          <dd>
            <UrgencyBadge urgency={incident.urgency} />
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{incident.priority ?? '—'}</dd>
        </div>
        <div>
          <dt>Service</dt>
          <dd>
            <Link to={`/app/services/${incident.service.id}`}>{incident.service.name}</Link>
          </dd>
        </div>
        <div>
          <dt>Assignees</dt>
          <dd data-testid="incident-assignees">
            {incident.assignees.length > 0 ? incident.assignees.map((a) => a.name).join(', ') : 'Nobody yet'}
          </dd>
        </div>
        {incident.declaredAt && (
          <div>
            <dt>Declared</dt>
            <dd>
              <Instant iso={incident.declaredAt} />
            </dd>
          </div>
        )}
        <div>
          <dt>Triggered</dt>
          <dd>
            <Instant iso={incident.triggeredAt} />
          </dd>
        </div>
        {incident.acknowledgedBy && (
          <div>
            <dt>Acknowledged</dt>
            <dd>
              {incident.acknowledgedBy.name}, <Instant iso={incident.acknowledgedAt} />
            </dd>
          </div>
        )}
        {incident.resolvedAt && (
          <div>
            <dt>Resolved</dt>
            <dd>
              {incident.resolvedBy?.name ?? 'automatically'}, <Instant iso={incident.resolvedAt} />
            </dd>
          </div>
        )}
        {incident.snoozedUntil && incident.status === 'acknowledged' && (
          <div>
            <dt>Snoozed until</dt>
            <dd>
              <Instant iso={incident.snoozedUntil} />
            </dd>
          </div>
        )}
        <div>
          <dt>Escalation</dt>
          <dd>
            {incident.escalation.policy.name},{' '}
            {incident.escalation.level === 0
              ? 'no level notified yet'
              : `level ${incident.escalation.level} of ${incident.escalation.policy.levels.length}`}
            {incident.escalation.nextEscalationAt && (
              <>
                ; next at <Instant iso={incident.escalation.nextEscalationAt} />
              </>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
