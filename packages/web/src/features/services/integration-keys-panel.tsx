/**
 * A service's integration keys, each with the URLs (or address) to paste
 * into the sender; admins add a key of a given type and delete keys.
 */
import { unwrap } from '@tocsin/sdk';
import { useState } from 'react';
import type { IntegrationKey } from '../../api/paging-types';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage } from '../../ui/feedback';
import { useSession } from '../auth/session-context';
import { CreateKeyForm, KEY_TYPE_LABELS } from './create-key-form';

interface IntegrationKeysPanelProps {
  serviceId: string;
  keys: readonly IntegrationKey[];
  canManage: boolean;
  onChanged: () => void;
}

export function IntegrationKeysPanel({ serviceId, keys, canManage, onChanged }: IntegrationKeysPanelProps) {
  const { client } = useSession();
  const [error, setError] = useState<unknown>();
  const [confirmingId, setConfirmingId] = useState<string>();

  async function deleteKey(key: IntegrationKey) {
    setError(undefined);
    try {
      unwrap(await client.DELETE('/api/v1/services/{id}/integration-keys/{keyId}', { params: { path: { id: serviceId, keyId: key.id } } }));
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setConfirmingId(undefined);
    }
  }

  return (
    <section className="panel" aria-labelledby="integration-keys-heading">
      <h2 id="integration-keys-heading">Integration keys</h2>
      <p className="muted">Point a monitoring tool at one of these addresses; its alerts open incidents on this service.</p>
      <ErrorMessage error={error} />
      {keys.length === 0 && <p className="muted">No keys yet: nothing can send alerts to this service.</p>}
      <ul className="plain-list">
        {keys.map((key) => (
          <li key={key.id} className="alert-item" data-testid="integration-key">
            <p className="alert-summary">
              <strong>{key.name}</strong> <span className="tag">{KEY_TYPE_LABELS[key.type]}</span>
            </p>
            {key.endpoints.map((endpoint, index) => {
              const valueId = `endpoint-${key.id}-${index}`;
              return (
                <div key={valueId} className="endpoint-row">
                  <span className="hint">{endpoint.label}</span>
                  <code id={valueId} className="endpoint" data-testid="endpoint">
                    {endpoint.value}
                  </code>
                  <CopyButton value={endpoint.value} targetId={valueId} label={`Copy ${endpoint.kind === 'email' ? 'address' : 'URL'}`} />
                </div>
              );
            })}
            {canManage &&
              (confirmingId === key.id ? (
                <span className="confirm">
                  <button type="button" className="button danger small" onClick={() => void deleteKey(key)}>
                    Yes, delete “{key.name}”
                  </button>{' '}
                  <button type="button" className="button small" onClick={() => setConfirmingId(undefined)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button type="button" className="button small" aria-label={`Delete key ${key.name}`} onClick={() => setConfirmingId(key.id)}>
                  Delete
                </button>
              ))}
          </li>
        ))}
      </ul>
      {canManage && <CreateKeyForm serviceId={serviceId} onCreated={onChanged} />}
    </section>
  );
}
