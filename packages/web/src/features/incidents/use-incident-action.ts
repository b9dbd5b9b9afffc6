/**
 * Runs one action on an incident (acknowledge, resolve, escalate) through the
 * SDK and reports the updated incident, or the server's reason for refusing.
 */
import { unwrap } from '@tocsin/sdk';
import { useState } from 'react';
import type { Incident } from '../../api/paging-types';
import { useSession } from '../auth/session-context';

export type SimpleAction = 'acknowledge' | 'resolve' | 'escalate';

export const ACTION_LABELS: Record<SimpleAction, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  escalate: 'Escalate now',
};

export function useIncidentAction(onChanged: (incident: Incident) => void) {
  const { client } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<SimpleAction>();

  async function run(incidentId: string, action: SimpleAction) {
    setError(undefined);
    setBusy(action);
    try {
      const params = { params: { path: { id: incidentId } } };
      const updated =
        action === 'acknowledge'
          ? unwrap(await client.POST('/api/v1/incidents/{id}/acknowledge', params))
          : action === 'resolve'
            ? unwrap(await client.POST('/api/v1/incidents/{id}/resolve', params))
            : unwrap(await client.POST('/api/v1/incidents/{id}/escalate', params));
      onChanged(updated);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  }

  return { run, error, busy };
}
