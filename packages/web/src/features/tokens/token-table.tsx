/** Your API tokens: what each is for, what it may do, when it was last used; revoke with a second click. */
import { useState } from 'react';
import type { ApiToken } from './tokens.types';
import { Instant } from '../../ui/instant';

interface TokenTableProps {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken) => Promise<void>;
}

export function TokenTable({ tokens, onRevoke }: TokenTableProps) {
  const [confirmingId, setConfirmingId] = useState<string>();
  const [busyId, setBusyId] = useState<string>();

  async function revoke(token: ApiToken) {
    setBusyId(token.id);
    try {
      await onRevoke(token);
    } finally {
      setBusyId(undefined);
      setConfirmingId(undefined);
    }
  }

  return (
    <table className="table">
      <caption className="visually-hidden">Your API tokens</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt ? 'is-revoked' : undefined} data-testid="token-row">
            <td>
              <span className="token-name">{token.name}</span>
              <code className="entity-id" title="The token starts with these characters">
                {token.prefix}…
              </code>
            </td>
            <td className="nowrap">{token.scopes.join(', ')}</td>
            <td>
              <Instant iso={token.createdAt} precision="day" />
            </td>
            <td>
              <Instant iso={token.lastUsedAt} fallback="never" />
            </td>
            <td>
              <Instant iso={token.expiresAt} fallback="never" precision="day" />
            </td>
            <td className="actions">
              {token.revokedAt ? (
                <span className="revoked">
                  <strong>Revoked</strong>
                  <Instant iso={token.revokedAt} precision="day" />
                </span>
              ) : confirmingId === token.id ? (
                <span className="confirm">
                  <button
                    type="button"
                    className="button danger small"
                    disabled={busyId === token.id}
                    onClick={() => void revoke(token)}
                  >
                    Yes, revoke “{token.name}”
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirmingId(undefined)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => setConfirmingId(token.id)}
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
