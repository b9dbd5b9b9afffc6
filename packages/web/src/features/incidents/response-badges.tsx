/**
 * A declared incident's response at a glance, wherever the incident shows:
 * severity, stage (near miss marked) and the one owner. A paged-only incident
 * shows that it is not declared.
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
      <SeverityBadge response={response} /> <StageBadge response={response} /> <span className="muted">Owner:</span>{' '}
      <OwnerName response={response} />
    </span>
  );
}
