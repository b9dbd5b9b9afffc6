/** Pieces every view of an alert shows: how often and when it triggered, and the links back to its monitor. */
import type { Alert } from './alerts.types';
import { Instant } from '../../ui/instant';

/** "Triggered n times", first and last: rows of a <dl className="facts">. */
export function AlertTriggerFacts({ alert }: { alert: Alert }) {
  return (
    <>
      <div>
        <dt>Triggered</dt>
        <dd>
          {alert.triggerCount} {alert.triggerCount === 1 ? 'time' : 'times'}
        </dd>
      </div>
      <div>
        <dt>First</dt>
        <dd>
          <Instant iso={alert.firstTriggeredAt} precision="second" />
        </dd>
      </div>
      <div>
        <dt>Last</dt>
        <dd>
          <Instant iso={alert.lastTriggeredAt} precision="second" />
        </dd>
      </div>
    </>
  );
}

/** The sender's client URL, its links and (when asked) its images, each opening in a new tab; nothing when there are none. */
export function AlertSourceLinks({ alert, withImages = false }: { alert: Alert; withImages?: boolean }) {
  const images = withImages ? alert.images : [];
  if (alert.links.length === 0 && !alert.clientUrl && images.length === 0) return null;
  return (
    <ul className="link-list">
      {alert.clientUrl && (
        <li>
          <a href={alert.clientUrl} target="_blank" rel="noreferrer noopener">
            {alert.client ? `Open in ${alert.client}` : 'Open the source'}
          </a>
        </li>
      )}
      {alert.links.map((link) => (
        <li key={link.href}>
          <a href={link.href} target="_blank" rel="noreferrer noopener">
            {link.text ?? link.href}
          </a>
        </li>
      ))}
      {images.map((image) => (
        <li key={image.src}>
          <a href={image.href ?? image.src} target="_blank" rel="noreferrer noopener">
            {image.alt ?? 'Image'}
          </a>
        </li>
      ))}
    </ul>
  );
}
