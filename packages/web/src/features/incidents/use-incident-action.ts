/**
 * Runs one action on an incident (acknowledge, resolve, escalate) through the
 * SDK and reports the updated incident, or the server's reason for refusing.
 */
import { useState } from 'react';
import type { Incident } from './incidents.types';
import { useSession } from '../auth/session-context';
import { acknowledgeIncident, escalateIncident, resolveIncident } from './incidents.api';

export type SimpleAction = 'acknowledge' | 'resolve' | 'escalate';

export const ACTION_LABELS: Record<SimpleAction, string> = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  escalate: 'Escalate now',
};

const ACTIONS = { acknowledge: acknowledgeIncident, resolve: resolveIncident, escalate: escalateIncident };

export function useIncidentAction(onChanged: (incident: Incident) => void) {
  const { client } = useSession();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<SimpleAction>();

  async function run(incidentId: string, action: SimpleAction) {
    setError(undefined);
    setBusy(action);
    try {
      const updated = await ACTIONS[action](client, incidentId);
      onChanged(updated);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  }

  return { run, error, busy };
}
