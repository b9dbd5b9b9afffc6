/**
 * Admins add an integration key to a service: its type (what sends), a name,
 * for heartbeats the longest allowed silence, and for a generic webhook where
 * its fields are in the JSON it sends (dotted paths).
 */
import { useState } from 'react';
import type { IntegrationType } from './services.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { createIntegrationKey } from './services.api';

export const KEY_TYPE_LABELS: Record<IntegrationType, string> = {
  events_v2: 'Events API v2',
  alertmanager: 'Prometheus Alertmanager',
  grafana: 'Grafana',
  datadog: 'Datadog',
  webhook: 'Webhook',
  email: 'Email',
  heartbeat: 'Heartbeat',
};

const OFFERED_TYPES: readonly IntegrationType[] = [
  'events_v2',
  'alertmanager',
  'grafana',
  'datadog',
  'webhook',
  'email',
  'heartbeat',
];

/** A generic webhook's field mapping as typed: dotted paths, and comma-separated values for the action. */
interface MappingDraft {
  summary: string;
  dedupKey: string;
  severity: string;
  source: string;
  actionPath: string;
  trigger: string;
  resolve: string;
}

/** Tocsin's default mapping (the same fields as the Events API), a starting point to edit. */
const DEFAULT_MAPPING: MappingDraft = {
  summary: 'summary',
  dedupKey: 'dedup_key',
  severity: 'severity',
  source: 'source',
  actionPath: 'action',
  trigger: 'trigger',
  resolve: 'resolve',
};

const values = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');

function mappingOf(draft: MappingDraft) {
  const optional = (key: 'severity' | 'source') => (draft[key].trim() ? { [key]: draft[key].trim() } : {});
  return {
    summary: draft.summary.trim(),
    dedupKey: draft.dedupKey.trim(),
    ...optional('severity'),
    ...optional('source'),
    ...(draft.actionPath.trim() && {
      action: { path: draft.actionPath.trim(), trigger: values(draft.trigger), resolve: values(draft.resolve) },
    }),
  };
}

const MAPPING_FIELDS: ReadonlyArray<{ key: keyof MappingDraft; label: string; required?: boolean }> = [
  { key: 'summary', label: 'Summary is at', required: true },
  { key: 'dedupKey', label: 'Dedup key is at', required: true },
  { key: 'severity', label: 'Severity is at (optional)' },
  { key: 'source', label: 'Source is at (optional)' },
  { key: 'actionPath', label: 'Action is at (optional: else every request triggers)' },
  { key: 'trigger', label: 'Values that trigger (comma-separated)' },
  { key: 'resolve', label: 'Values that resolve (comma-separated)' },
];

export function CreateKeyForm({ serviceId, onCreated }: { serviceId: string; onCreated: () => void }) {
  const { client } = useSession();
  const [type, setType] = useState<IntegrationType>('events_v2');
  const [name, setName] = useState('');
  const [intervalMinutes, setIntervalMinutes] = useState('10');
  const [mapping, setMapping] = useState<MappingDraft>(DEFAULT_MAPPING);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const named = name.trim() ? { name: name.trim() } : {};
    const body =
      type === 'heartbeat'
        ? { type, ...named, settings: { intervalSeconds: Number(intervalMinutes) * 60 } }
        : type === 'webhook'
          ? { type, ...named, settings: mappingOf(mapping) }
          : type === 'email'
            ? { type, ...named }
            : { type: type as 'events_v2' | 'alertmanager' | 'grafana' | 'datadog', ...named };
    await createIntegrationKey(client, serviceId, body);
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
        <input
          id="key-name"
          maxLength={200}
          placeholder={KEY_TYPE_LABELS[type]}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
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
      {type === 'webhook' && (
        <fieldset className="field">
          <legend>Where the fields are in the JSON it sends (dotted paths, e.g. alert.title)</legend>
          {MAPPING_FIELDS.map(({ key, label, required }) => (
            <div className="field" key={key}>
              <label htmlFor={`key-mapping-${key}`}>{label}</label>
              <input
                id={`key-mapping-${key}`}
                required={required}
                maxLength={500}
                value={mapping[key]}
                onChange={(event) => setMapping({ ...mapping, [key]: event.target.value })}
              />
            </div>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button" disabled={isSubmitting}>
        Add key
      </button>
    </form>
  );
}
