/**
 * An alert's log: every event it received (trigger, acknowledge, resolve),
 * newest first, a page at a time; each opens to the sender's payload as
 * received (integration keys masked by the server).
 */
import { useAlertEvents } from './alerts.api';
import type { AlertEvent } from './alerts.types';
import { ErrorMessage, Loading } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { LoadMore } from '../../ui/load-more';

const ACTION_LABELS: Record<AlertEvent['action'], string> = {
  trigger: 'Trigger',
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
};

export function AlertEvents({ alertId }: { alertId: string }) {
  const events = useAlertEvents(alertId);
  return (
    <section className="panel" aria-labelledby="alert-events-heading">
      <h2 id="alert-events-heading">Events</h2>
      <p className="muted">
        Every event this alert received, newest first (the newest 100 are kept). Open one to see its payload.
      </p>
      <ErrorMessage error={events.error} title="Its events could not be loaded:" />
      {events.isLoading && !events.items && <Loading what="its events" />}
      {events.items && (
        <>
          <ol className="alert-events" aria-label="Events">
            {events.items.map((event) => (
              <li key={event.id} data-testid="alert-event">
                <details>
                  <summary>
                    <span className="alert-event-action" data-testid="alert-event-action">
                      {ACTION_LABELS[event.action]}
                    </span>{' '}
                    <Instant iso={event.receivedAt} precision="second" />
                    {event.summary && <> · {event.summary}</>}
                    {event.source && <span className="muted"> · {event.source}</span>}
                  </summary>
                  <pre className="payload" data-testid="alert-event-payload">
                    {JSON.stringify(event.payload ?? null, null, 2)}
                  </pre>
                </details>
              </li>
            ))}
          </ol>
          <LoadMore list={events} what="events" />
        </>
      )}
    </section>
  );
}
