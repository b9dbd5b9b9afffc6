/** The alerts grouped into an incident: summary, source, links back to the monitor, trigger count, and the raw payload on demand. */
import { useState } from 'react';
import type { Alert } from '../alerts/alerts.types';
import { ErrorMessage } from '../../ui/feedback';
import { AlertSourceLinks, AlertTriggerFacts } from '../alerts/alert-parts';
import { getAlert } from '../alerts/alerts.api';
import { useSession } from '../auth/session-context';

export function AlertList({ alerts }: { alerts: readonly Alert[] }) {
  return (
    <section className="panel" aria-labelledby="incident-alerts-heading">
      <h2 id="incident-alerts-heading">Alerts ({alerts.length})</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts: this incident was declared by hand.</p>
      ) : (
        <ul className="plain-list">
          {alerts.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({ alert }: { alert: Alert }) {
  const { client } = useSession();
  const [raw, setRaw] = useState<{ payload?: unknown; error?: unknown }>();

  // The payload can be large, so it is fetched only when someone opens it.
  async function loadRaw(isOpen: boolean) {
    if (!isOpen || raw?.payload !== undefined) return;
    try {
      const detail = await getAlert(client, alert.id);
      setRaw({ payload: detail.raw ?? null });
    } catch (error) {
      setRaw({ error });
    }
  }

  return (
    <li className="alert-item" data-testid="alert-item">
      <p className="alert-summary">
        <strong>{alert.summary}</strong> <span className="tag">{alert.severity}</span>{' '}
        <span className="tag">{alert.status}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Source</dt>
          <dd>{alert.source}</dd>
        </div>
        <AlertTriggerFacts alert={alert} />
      </dl>
      <AlertSourceLinks alert={alert} />
      <details onToggle={(event) => void loadRaw(event.currentTarget.open)}>
        <summary>Raw payload</summary>
        <ErrorMessage error={raw?.error} />
        {raw?.payload !== undefined ? (
          <pre className="payload">{JSON.stringify(raw.payload, null, 2)}</pre>
        ) : (
          !raw?.error && <p className="muted">Loading…</p>
        )}
      </details>
    </li>
  );
}
