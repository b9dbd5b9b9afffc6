/**
 * Admins add a component to a page, in a group (made when new) and
 * optionally following a Tocsin service, whose incidents may set its status.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { useServices } from '../services/services.api';
import { createComponent, createGroup } from './statuspages.api';
import type { ComponentGroup } from './statuspages.types';

export function AddComponentForm({
  pageId,
  groups,
  onAdded,
}: {
  pageId: string;
  groups: readonly ComponentGroup[];
  onAdded: () => void;
}) {
  const { client } = useSession();
  const services = useServices();
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [service, setService] = useState('');
  const [fromSignals, setFromSignals] = useState(false);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const groupName = group.trim();
    const existing = groups.find((g) => g.name.toLowerCase() === groupName.toLowerCase());
    const groupId = groupName ? (existing?.id ?? (await createGroup(client, pageId, groupName)).id) : null;
    await createComponent(client, pageId, {
      name: name.trim(),
      groupId,
      service: service || null,
      statusFromSignals: Boolean(service) && fromSignals,
    });
    setName('');
    onAdded();
  });
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="add-component-heading">
      <h2 id="add-component-heading">Add a component</h2>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="component-name">Name</label>
        <input id="component-name" required value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="component-group">Group (optional)</label>
        <input
          id="component-group"
          list="component-groups"
          value={group}
          onChange={(event) => setGroup(event.target.value)}
        />
        <datalist id="component-groups">
          {groups.map((g) => (
            <option key={g.id} value={g.name} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="component-service">Follows service (optional)</label>
        <select id="component-service" value={service} onChange={(event) => setService(event.target.value)}>
          <option value="">None</option>
          {(services.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {service && (
        <label className="check span-2" htmlFor="component-signals">
          <input
            id="component-signals"
            type="checkbox"
            checked={fromSignals}
            onChange={(event) => setFromSignals(event.target.checked)}
          />
          Status from signals: the service&apos;s open incidents set it (S1 Service Disruption, S2 Partial, S3
          Degraded); a person can always override it
        </label>
      )}
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Adding…' : 'Add component'}
        </button>
      </div>
    </form>
  );
}
