/** Admins create a team: a name, a slug derived from it (editable), and a description. */
import { unwrap } from '@tocsin/sdk';
import { useState } from 'react';
import type { Team } from '../../api/types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

export function CreateTeamForm({ onCreated }: { onCreated: (team: Team) => void }) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [isSlugEdited, setSlugEdited] = useState(false);
  const [description, setDescription] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const team = unwrap(await client.POST('/api/v1/teams', { body: { name: name.trim(), slug, description } }));
    setName('');
    setSlug('');
    setSlugEdited(false);
    setDescription('');
    onCreated(team);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-team-heading">
      <h2 id="create-team-heading">Create a team</h2>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="team-name">Name</label>
        <input
          id="team-name"
          required
          maxLength={200}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!isSlugEdited) setSlug(slugify(event.target.value));
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="team-slug">Slug</label>
        <input
          id="team-slug"
          required
          maxLength={64}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          aria-describedby="team-slug-hint"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
        />
        <p className="hint" id="team-slug-hint">
          Lowercase letters, digits and single dashes, e.g. payments-sre. Used in config files and the CLI.
        </p>
      </div>
      <div className="field span-2">
        <label htmlFor="team-description">Description (optional)</label>
        <textarea id="team-description" rows={2} maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create team'}
        </button>
      </div>
    </form>
  );
}
