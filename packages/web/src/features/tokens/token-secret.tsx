/**
 * A new token's secret, shown this once: Tocsin keeps only its hash, so
 * after this panel is dismissed or the page reloads it cannot be shown again.
 */
import { useEffect, useRef } from 'react';
import type { CreatedApiToken } from './tokens.types';
import { CopyButton } from '../../ui/copy-button';

export function TokenSecret({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel secret" aria-labelledby="token-secret-heading" data-testid="token-secret">
      <h2 id="token-secret-heading" ref={heading} tabIndex={-1}>
        Copy your new token “{token.name}” now
      </h2>
      <p>
        <strong>This is the only time it is shown.</strong> Tocsin keeps only a hash of it. If you lose it, revoke it
        and create another.
      </p>
      <div className="secret-row">
        <code id="token-secret-value" className="secret-value">
          {token.token}
        </code>
        <CopyButton value={token.token} targetId="token-secret-value" />
      </div>
      <p className="hint">
        Send it in the header <code>Authorization: Bearer …</code>; the API is described at{' '}
        <a href="/api/docs">/api/docs</a>.
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        I have copied it
      </button>
    </section>
  );
}
