/** Admins create a team: a name, a slug derived from it (editable), and a description. */
import { useState } from 'react';
import type { Team } from './teams.types';
import { Field, FormError, useForm } from '../../ui/form';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSession } from '../auth/session-context';
import { createTeam } from './teams.api';

export function CreateTeamForm({ onCreated }: { onCreated: (team: Team) => void }) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const [description, setDescription] = useState('');

  const form = useForm(
    async () => {
      const team = await createTeam(client, { name: naming.name.trim(), slug: naming.slug, description });
      naming.reset();
      setDescription('');
      onCreated(team);
    },
    { 'team-name': 'body.name', 'team-slug': 'body.slug', 'team-description': 'body.description' },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-team-heading">
      <h2 id="create-team-heading">Create a team</h2>
      <FormError form={form} />
      <NameAndSlugFields
        idPrefix="team"
        form={form}
        state={naming}
        slugHint="Lowercase letters, digits and single dashes, e.g. payments-sre. Used in config files and the CLI."
      />
      <Field id="team-description" label="Description (optional)" className="span-2" form={form}>
        <textarea
          id="team-description"
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </Field>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create team'}
        </button>
      </div>
    </form>
  );
}
