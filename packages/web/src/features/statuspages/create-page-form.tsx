/** Admins create a status page: its name, slug, whether it is public, and a host name it may answer for. */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { createStatusPage } from './statuspages.api';
import type { StatusPage } from './statuspages.types';

export function CreatePageForm({ onCreated }: { onCreated: (page: StatusPage) => void }) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [hostName, setHostName] = useState('');
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const page = await createStatusPage(client, {
      name: naming.name.trim(),
      slug: naming.slug,
      visibility,
      ...(hostName.trim() && { hostName: hostName.trim() }),
    });
    naming.reset();
    onCreated(page);
  });
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-page-heading">
      <h2 id="create-page-heading">Create a status page</h2>
      <ErrorMessage error={error} />
      <NameAndSlugFields idPrefix="status-page" state={naming} slugHint="Its address: /status/<slug>/." />
      <div className="field">
        <label htmlFor="status-page-visibility">Who can read it</label>
        <select
          id="status-page-visibility"
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as 'public' | 'private')}
        >
          <option value="public">Anyone (public)</option>
          <option value="private">Signed-in members, or a secret link</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="status-page-host">Host name (optional)</label>
        <input
          id="status-page-host"
          value={hostName}
          placeholder="status.example.com"
          onChange={(event) => setHostName(event.target.value)}
          aria-describedby="status-page-host-hint"
        />
        <p className="hint" id="status-page-host-hint">
          Point this name at Tocsin and it serves the page at its root.
        </p>
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create status page'}
        </button>
      </div>
    </form>
  );
}
