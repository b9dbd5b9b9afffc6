/**
 * A service's integration keys, each with the URLs (or address) to paste
 * into the sender; admins add a key of a given type, and rename, rotate and
 * delete keys. After a rotation the new key is shown once, on top.
 */
import { useState } from 'react';
import type { IntegrationKey } from './services.types';
import { CreateKeyForm } from './create-key-form';
import { IntegrationKeyItem } from './integration-key-item';
import { RotatedKey } from './rotated-key';

interface IntegrationKeysPanelProps {
  serviceId: string;
  keys: readonly IntegrationKey[];
  canManage: boolean;
  onChanged: () => void;
}

export function IntegrationKeysPanel({ serviceId, keys, canManage, onChanged }: IntegrationKeysPanelProps) {
  const [rotated, setRotated] = useState<IntegrationKey>();

  return (
    <section className="panel" aria-labelledby="integration-keys-heading">
      <h2 id="integration-keys-heading">Integration keys</h2>
      <p className="muted">
        Point a monitoring tool at one of these addresses; its alerts open incidents on this service.
      </p>
      {rotated && <RotatedKey integrationKey={rotated} onDismiss={() => setRotated(undefined)} />}
      {keys.length === 0 && <p className="muted">No keys yet: nothing can send alerts to this service.</p>}
      <ul className="plain-list">
        {keys.map((key) => (
          <IntegrationKeyItem
            key={key.id}
            serviceId={serviceId}
            integrationKey={key}
            canManage={canManage}
            onChanged={onChanged}
            onRotated={(rotatedKey) => {
              setRotated(rotatedKey);
              onChanged();
            }}
          />
        ))}
      </ul>
      {canManage && <CreateKeyForm serviceId={serviceId} onCreated={onChanged} />}
    </section>
  );
}
