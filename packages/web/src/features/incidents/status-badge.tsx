/** An incident's status or urgency as a labelled badge: the word is always there, the colour only helps. */
import type { IncidentStatus, Urgency } from './incidents.types';
import { STATUS_LABELS, URGENCY_LABELS } from './incident-labels';
import { Instant } from '../../ui/instant';

export function StatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="incident-status">
      {STATUS_LABELS[status]}
    </span>
  );
}

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  return <span className={`badge urgency-${urgency}`}>{URGENCY_LABELS[urgency]}</span>;
}

/** Beside "Acknowledged" while a snooze holds the paging back: it pages again at that time. */
export function SnoozedBadge({ until, now = new Date() }: { until: string | null | undefined; now?: Date }) {
  if (!until || Date.parse(until) <= now.getTime()) return null;
  return (
    <span className="badge status-snoozed" data-testid="incident-snoozed">
      Snoozed until <Instant iso={until} />
    </span>
  );
}
