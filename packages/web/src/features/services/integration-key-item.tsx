/**
 * One integration key: its name and type, its routing key and the URLs (or
 * address) to paste into the sender. Admins rename it, rotate it (a new
 * routing key; the old one stops working within seconds) and delete it.
 */
import { useState } from 'react';
import type { IntegrationKey } from './services.types';
import { ConfirmButton } from '../../ui/confirm-button';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { KEY_TYPE_LABELS } from './create-key-form';
import { deleteIntegrationKey, renameIntegrationKey, rotateIntegrationKey } from './services.api';

interface IntegrationKeyItemProps {
  serviceId: string;
  integrationKey: IntegrationKey;
  canManage: boolean;
  onChanged: () => void;
  onRotated: (key: IntegrationKey) => void;
}

export function KeyEndpoints({ integrationKey, idPrefix }: { integrationKey: IntegrationKey; idPrefix: string }) {
  const routingKeyId = `${idPrefix}-routing-key`;
  return (
    <>
      <div className="endpoint-row">
        <span className="hint">Routing key</span>
        <code id={routingKeyId} className="endpoint" data-testid="routing-key">
          {integrationKey.routingKey}
        </code>
        <CopyButton value={integrationKey.routingKey} targetId={routingKeyId} label="Copy key" />
      </div>
      {integrationKey.endpoints.map((endpoint, index) => {
        const valueId = `${idPrefix}-${index}`;
        return (
          <div key={valueId} className="endpoint-row">
            <span className="hint">{endpoint.label}</span>
            <code id={valueId} className="endpoint" data-testid="endpoint">
              {endpoint.value}
            </code>
            <CopyButton
              value={endpoint.value}
              targetId={valueId}
              label={`Copy ${endpoint.kind === 'email' ? 'address' : 'URL'}`}
            />
          </div>
        );
      })}
    </>
  );
}

export function IntegrationKeyItem({
  serviceId,
  integrationKey: key,
  canManage,
  onChanged,
  onRotated,
}: IntegrationKeyItemProps) {
  const { client } = useSession();
  const [newName, setNewName] = useState<string>();

  const rename = useSubmit(async () => {
    await renameIntegrationKey(client, serviceId, key.id, (newName ?? '').trim());
    setNewName(undefined);
    onChanged();
  });

  return (
    <li className="alert-item" data-testid="integration-key">
      <p className="alert-summary">
        <strong>{key.name}</strong> <span className="tag">{KEY_TYPE_LABELS[key.type]}</span>
      </p>
      <KeyEndpoints integrationKey={key} idPrefix={`endpoint-${key.id}`} />
      {canManage && newName !== undefined && (
        <form className="inline-form" aria-label={`Rename ${key.name}`} onSubmit={rename.onSubmit}>
          <ErrorMessage error={rename.error} />
          <div className="field">
            <label htmlFor={`key-name-${key.id}`}>New name</label>
            <input
              id={`key-name-${key.id}`}
              required
              maxLength={100}
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={rename.isSubmitting || !newName.trim()}>
            Save name
          </button>
          <button type="button" className="button" onClick={() => setNewName(undefined)}>
            Cancel
          </button>
        </form>
      )}
      {canManage && (
        <div className="key-actions">
          {newName === undefined && (
            <button
              type="button"
              className="button small"
              aria-label={`Rename key ${key.name}`}
              onClick={() => setNewName(key.name)}
            >
              Rename
            </button>
          )}
          <ConfirmButton
            small
            label="Rotate"
            ariaLabel={`Rotate key ${key.name}`}
            confirmLabel={`Yes, rotate “${key.name}”`}
            warning="The old routing key stops working within seconds."
            onConfirm={async () => onRotated(await rotateIntegrationKey(client, serviceId, key.id))}
          />
          <ConfirmButton
            small
            label="Delete"
            ariaLabel={`Delete key ${key.name}`}
            confirmLabel={`Yes, delete “${key.name}”`}
            onConfirm={async () => {
              await deleteIntegrationKey(client, serviceId, key.id);
              onChanged();
            }}
          />
        </div>
      )}
    </li>
  );
}
