/** Every severity an incident had: from, to, who, when and why (severities are reevaluated as things become known). */
import type { IncidentResponse } from './response.types';
import { Instant } from '../../ui/instant';

export function SeverityHistory({ response }: { response: IncidentResponse }) {
  return (
    <section className="panel" aria-labelledby="severity-history-heading">
      <h2 id="severity-history-heading">Severity history</h2>
      <ol className="plain-list history" data-testid="severity-history">
        {response.severityChanges.map((change) => (
          <li key={`${change.at}-${change.to}`}>
            <Instant iso={change.at} />{' '}
            <strong>{change.from ? `${change.from} → ${change.to}` : `Declared ${change.to}`}</strong>
            <span className="muted"> · {change.by}</span>
            {change.reason && <span>: {change.reason}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
