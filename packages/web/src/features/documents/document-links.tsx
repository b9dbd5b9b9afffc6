/** Links of the document: the organisation's conference bridge, then dashboards and runbooks people added. */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addLink, removeLink } from './documents.api';
import type { IncidentDocument } from './documents.types';
import { RemoveItemButton } from './remove-item-button';

interface DocumentLinksProps {
  incidentId: string;
  document: IncidentDocument;
  canEdit: boolean;
  onChanged: () => void;
}

export function DocumentLinks({ incidentId, document, canEdit, onChanged }: DocumentLinksProps) {
  const { client } = useSession();
  const [link, setLink] = useState({ label: '', url: '' });
  const add = useSubmit(async () => {
    await addLink(client, incidentId, link);
    setLink({ label: '', url: '' });
    onChanged();
  });

  return (
    <section className="doc-section" aria-labelledby="doc-links-heading">
      <h3 id="doc-links-heading">Links</h3>
      <ul className="plain-list" data-testid="doc-links">
        {document.conferenceBridgeUrl && (
          <li className="doc-item">
            <a href={document.conferenceBridgeUrl} target="_blank" rel="noreferrer">
              Conference bridge
            </a>
            <span className="tag">organisation default</span>
          </li>
        )}
        {document.links.map((l) => (
          <li key={l.id} className="doc-item">
            <a href={l.url} target="_blank" rel="noreferrer">
              {l.label}
            </a>
            {canEdit && (
              <RemoveItemButton
                what={`link ${l.label}`}
                remove={(c) => removeLink(c, incidentId, l.id)}
                onRemoved={onChanged}
              />
            )}
          </li>
        ))}
      </ul>
      {!document.conferenceBridgeUrl && document.links.length === 0 && (
        <p className="muted">Dashboards, runbooks, the room where people meet.</p>
      )}
      {canEdit && (
        <form className="inline-form doc-form" aria-label="Add a link" onSubmit={add.onSubmit}>
          <ErrorMessage error={add.error} title="Not added:" />
          <div className="field">
            <label htmlFor="link-label">Label</label>
            <input
              id="link-label"
              required
              value={link.label}
              onChange={(event) => setLink({ ...link, label: event.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="link-url">URL</label>
            <input
              id="link-url"
              type="url"
              required
              placeholder="https://"
              value={link.url}
              onChange={(event) => setLink({ ...link, url: event.target.value })}
            />
          </div>
          <button type="submit" className="button" disabled={add.isSubmitting}>
            Add link
          </button>
        </form>
      )}
    </section>
  );
}
