/**
 * A declared incident's response at a glance, wherever the incident shows:
 * severity, stage (near miss marked), a lock when it is private, and the one
 * owner. A paged-only incident shows that it is not declared.
 */
import type { ResponseSummary } from './incidents.types';
import { STAGE_LABELS } from './incident-labels';

export function SeverityBadge({ response }: { response: ResponseSummary }) {
  return (
    <span className={`badge severity-${response.severity.toLowerCase()}`} data-testid="incident-severity">
      {response.severity}
      {response.nearMiss && ' near miss'}
    </span>
  );
}

/** A private incident (ADR 18): a lock and the word, seen only by its members. */
export function PrivateBadge() {
  return (
    <span
      className="badge private-badge"
      data-testid="incident-private"
      title="Private: only its members, the security team, owners and admins see it"
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0V7Z"
        />
      </svg>
      Private
    </span>
  );
}

export function StageBadge({ response }: { response: ResponseSummary }) {
  return (
    <span className={`badge stage-${response.stage}`} data-testid="incident-stage">
      {STAGE_LABELS[response.stage]}
    </span>
  );
}

export function OwnerName({ response }: { response: ResponseSummary | null }) {
  if (!response) return <span className="muted">Paged only</span>;
  return <span data-testid="incident-owner">{response.owner ? response.owner.name : <em>Nobody engaged yet</em>}</span>;
}

/** Under an incident's title in a list: severity, stage and owner on one line. */
export function ResponseLine({ response }: { response: ResponseSummary }) {
  return (
    <span className="response-line">
      {response.private && <PrivateBadge />} <SeverityBadge response={response} /> <StageBadge response={response} />{' '}
      <span className="muted">Owner:</span> <OwnerName response={response} />
    </span>
  );
}
