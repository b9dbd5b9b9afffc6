/** Post-incident actions: what to do afterwards, each with an optional owner and due date (the postmortem's plan). */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import type { User } from '../users/users.types';
import { addAction, removeAction } from './documents.api';
import type { IncidentDocument } from './documents.types';
import { RemoveItemButton } from './remove-item-button';

interface FollowupActionsProps {
  incidentId: string;
  document: IncidentDocument;
  users: readonly User[];
  canEdit: boolean;
  onChanged: () => void;
}

const EMPTY = { text: '', ownerId: '', dueDate: '' };

export function FollowupActions({ incidentId, document, users, canEdit, onChanged }: FollowupActionsProps) {
  const { client } = useSession();
  const [form, setForm] = useState(EMPTY);
  const add = useSubmit(async () => {
    await addAction(client, incidentId, {
      text: form.text,
      ownerId: form.ownerId || null,
      dueDate: form.dueDate || null,
    });
    setForm(EMPTY);
    onChanged();
  });

  return (
    <section className="doc-section" aria-labelledby="actions-heading">
      <h3 id="actions-heading">Post-incident actions</h3>
      {document.actions.length === 0 && <p className="muted">What to change so this does not happen again.</p>}
      <ul className="plain-list" data-testid="actions">
        {document.actions.map((a) => (
          <li key={a.id} className="doc-item">
            <span>{a.text}</span>
            <span className="muted doc-meta">
              {a.owner ? a.owner.name : 'No owner'}
              {a.dueDate && ` · due ${a.dueDate}`}
            </span>
            {canEdit && (
              <RemoveItemButton
                what={`action ${a.text}`}
                remove={(c) => removeAction(c, incidentId, a.id)}
                onRemoved={onChanged}
              />
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="inline-form doc-form" aria-label="Add an action" onSubmit={add.onSubmit}>
          <ErrorMessage error={add.error} title="Not added:" />
          <div className="field">
            <label htmlFor="action-text">New action</label>
            <input
              id="action-text"
              required
              value={form.text}
              onChange={(event) => setForm({ ...form, text: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="action-owner">Owner</label>
            <select
              id="action-owner"
              value={form.ownerId}
              onChange={(event) => setForm({ ...form, ownerId: event.target.value })}
            >
              <option value="">Nobody yet</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="action-due">Due</label>
            <input
              id="action-due"
              type="date"
              value={form.dueDate}
              onChange={(event) => setForm({ ...form, dueDate: event.target.value })}
            />
          </div>
          <button type="submit" className="button" disabled={add.isSubmitting}>
            Add action
          </button>
        </form>
      )}
    </section>
  );
}
