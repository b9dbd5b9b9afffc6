/**
 * A rotated key's new routing key and addresses, shown once as a notice:
 * the old key stops working within seconds, so every sender must be updated now.
 * (The key list shows the new values too; this says what changed.)
 */
import { useEffect, useRef } from 'react';
import type { IntegrationKey } from './services.types';
import { KeyEndpoints } from './integration-key-item';

export function RotatedKey({ integrationKey, onDismiss }: { integrationKey: IntegrationKey; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel secret" aria-labelledby="rotated-key-heading" data-testid="rotated-key">
      <h2 id="rotated-key-heading" ref={heading} tabIndex={-1}>
        New routing key for “{integrationKey.name}”
      </h2>
      <p>
        <strong>The old key stops working within seconds.</strong> Paste the new one into every sender that used it, or
        their alerts will be refused.
      </p>
      <KeyEndpoints integrationKey={integrationKey} idPrefix="rotated" />
      <button type="button" className="button" onClick={onDismiss}>
        Done
      </button>
    </section>
  );
}
