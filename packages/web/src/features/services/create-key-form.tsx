/** Admins add an integration key to a service: its type (what sends), a name, and for heartbeats the longest allowed silence. */
import { unwrap } from '@tocsin/sdk';
import { useState } from 'react';
import type { IntegrationType } from '../../api/paging-types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';

export const KEY_TYPE_LABELS: Record<IntegrationType, string> = {
  events_v2: 'Events API v2',
  alertmanager: 'Prometheus Alertmanager',
  grafana: 'Grafana',
  datadog: 'Datadog',
  webhook: 'Webhook',
  email: 'Email',
  heartbeat: 'Heartbeat',
};

/** Webhook keys need a field mapping, which this form does not offer yet: create those with the API or the CLI. */
const OFFERED_TYPES: readonly IntegrationType[] = ['events_v2', 'alertmanager', 'grafana', 'datadog', 'email', 'heartbeat'];

export function CreateKeyForm({ serviceId, onCreated }: { serviceId: string; onCreated: () => void }) {
  const { client } = useSession();
  const [type, setType] = useState<IntegrationType>('events_v2');
  const [name, setName] = useState('');
  const [intervalMinutes, setIntervalMinutes] = useState('10');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const named = name.trim() ? { name: name.trim() } : {};
    const body =
      type === 'heartbeat'
        ? { type, ...named, settings: { intervalSeconds: Number(intervalMinutes) * 60 } }
        : type === 'email'
          ? { type, ...named }
          : { type: type as 'events_v2' | 'alertmanager' | 'grafana' | 'datadog', ...named };
    unwrap(await client.POST('/api/v1/services/{id}/integration-keys', { params: { path: { id: serviceId } }, body }));
    setName('');
    onCreated();
  });

  return (
    <form className="inline-form" aria-label="Add an integration key" onSubmit={onSubmit}>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="key-type">Type</label>
        <select id="key-type" value={type} onChange={(event) => setType(event.target.value as IntegrationType)}>
          {OFFERED_TYPES.map((option) => (
            <option key={option} value={option}>
              {KEY_TYPE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="key-name">Name (optional)</label>
        <input id="key-name" maxLength={200} placeholder={KEY_TYPE_LABELS[type]} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      {type === 'heartbeat' && (
        <div className="field">
          <label htmlFor="key-interval">Alert after silence of (minutes)</label>
          <input
            id="key-interval"
            type="number"
            required
            min={1}
            max={10080}
            value={intervalMinutes}
            onChange={(event) => setIntervalMinutes(event.target.value)}
          />
        </div>
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        Add key
      </button>
    </form>
  );
}
