/** An alert's status and severity as labelled badges: the word is always there, the colour only helps. */
import type { AlertSeverity, AlertStatus } from './alerts.types';
import { ALERT_STATUS_LABELS, SEVERITY_LABELS } from './alert-labels';

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="alert-status">
      {ALERT_STATUS_LABELS[status]}
    </span>
  );
}

export function SeverityTag({ severity }: { severity: AlertSeverity }) {
  return <span className={`tag severity-${severity}`}>{SEVERITY_LABELS[severity]}</span>;
}
