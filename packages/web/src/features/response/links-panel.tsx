/**
 * Incidents linked to this one: related ones (unlink), the one it was merged
 * into, those merged into it. Link another by number, or merge this one into
 * another (its alerts and timeline follow; this one resolves).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { IncidentResponse } from './response.types';
import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { linkIncident, mergeIncident, unlinkIncident } from './response.api';

const KIND_LABELS: Record<IncidentResponse['links'][number]['kind'], string> = {
  related: 'Related',
  merged_into: 'Merged into',
  merged_from: 'Merged from',
};

interface LinksPanelProps {
  incidentId: string;
  response: IncidentResponse;
  canAct: boolean;
  onChanged: () => void;
  onMerged: (intoId: string) => void;
}

export function LinksPanel({ incidentId, response, canAct, onChanged, onMerged }: LinksPanelProps) {
  const { client } = useSession();
  const [otherId, setOtherId] = useState('');
  const link = useSubmit(async () => {
    await linkIncident(client, incidentId, otherId.trim().replace(/^#/, ''));
    setOtherId('');
    onChanged();
  });
  const isMerged = response.links.some((l) => l.kind === 'merged_into');

  return (
    <section className="panel" aria-labelledby="links-heading">
      <h2 id="links-heading">Linked incidents</h2>
      {response.links.length === 0 && <p className="muted">None.</p>}
      <ul className="plain-list" data-testid="links">
        {response.links.map((l) => (
          <li key={`${l.kind}-${l.incident.id}`} className="link-item">
            <span>
              {KIND_LABELS[l.kind]}{' '}
              <Link to={`/app/incidents/${l.incident.id}`}>
                #{l.incident.number} {l.incident.title}
              </Link>
            </span>
            {canAct && l.kind === 'related' && (
              <ConfirmButton
                small
                label="Unlink"
                ariaLabel={`Unlink #${l.incident.number}`}
                confirmLabel={`Yes, unlink #${l.incident.number}`}
                onConfirm={async () => {
                  await unlinkIncident(client, incidentId, l.incident.id);
                  onChanged();
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {canAct && !isMerged && (
        <form className="inline-form" aria-label="Link or merge" onSubmit={link.onSubmit}>
          <ErrorMessage error={link.error} title="That did not work:" />
          <div className="field">
            <label htmlFor="link-other">Incident number</label>
            <input
              id="link-other"
              required
              inputMode="numeric"
              placeholder="e.g. 42"
              value={otherId}
              onChange={(event) => setOtherId(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={link.isSubmitting || !otherId.trim()}>
            Link as related
          </button>
          <ConfirmButton
            label="Merge into it"
            confirmLabel="Yes, merge"
            warning="This incident resolves; its alerts and timeline move there."
            onConfirm={async () => {
              const into = await mergeIncident(client, incidentId, otherId.trim().replace(/^#/, ''));
              onMerged(into.id);
            }}
          />
        </form>
      )}
    </section>
  );
}
