/**
 * Resolution objectives: measurable criteria, ticked met (with who and when)
 * by responders. When all are met the owner is told to resolve.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addObjective, removeObjective, updateObjective } from './documents.api';
import type { IncidentDocument } from './documents.types';
import { RemoveItemButton } from './remove-item-button';

interface ObjectivesChecklistProps {
  incidentId: string;
  document: IncidentDocument;
  canEdit: boolean;
  onChanged: () => void;
}

export function ObjectivesChecklist({ incidentId, document, canEdit, onChanged }: ObjectivesChecklistProps) {
  const { client } = useSession();
  const [text, setText] = useState('');
  const change = useSubmit();
  const add = useSubmit(async () => {
    await addObjective(client, incidentId, text);
    setText('');
    onChanged();
  });
  const act = (what: () => Promise<unknown>) =>
    void change.run(async () => {
      await what();
      onChanged();
    });

  return (
    <section className="doc-section" aria-labelledby="objectives-heading">
      <h3 id="objectives-heading">Resolution objectives</h3>
      {document.allObjectivesMet && (
        <p className="notice notice-success" role="status">
          Every objective is met: the owner can resolve the incident.
        </p>
      )}
      {document.objectives.length === 0 && (
        <p className="muted">
          Measurable criteria to declare the incident resolved, e.g. “p99 under 300 ms for 15 minutes”.
        </p>
      )}
      <ErrorMessage error={change.error} title="That did not work:" />
      <ul className="plain-list checklist" data-testid="objectives">
        {document.objectives.map((o) => (
          <li key={o.id} className="doc-item">
            <label className="check">
              <input
                type="checkbox"
                checked={o.met}
                disabled={!canEdit || change.isSubmitting}
                onChange={(event) =>
                  act(() => updateObjective(client, incidentId, o.id, { met: event.target.checked }))
                }
              />
              {o.text}
            </label>
            {o.met && (
              <span className="muted doc-meta">
                met by {o.metBy}, <Instant iso={o.metAt} />
              </span>
            )}
            {canEdit && (
              <RemoveItemButton
                what={`objective ${o.text}`}
                remove={(c) => removeObjective(c, incidentId, o.id)}
                onRemoved={onChanged}
              />
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="inline-form" aria-label="Add an objective" onSubmit={add.onSubmit}>
          <ErrorMessage error={add.error} title="Not added:" />
          <div className="field">
            <label htmlFor="objective-text">New objective</label>
            <input id="objective-text" required value={text} onChange={(event) => setText(event.target.value)} />
          </div>
          <button type="submit" className="button" disabled={add.isSubmitting}>
            Add objective
          </button>
        </form>
      )}
    </section>
  );
}
