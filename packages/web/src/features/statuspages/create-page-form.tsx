/** Admins create a status page: its name, slug, whether it is public, and a host name it may answer for. */
import { useState } from 'react';
import { Field, FormError, useForm } from '../../ui/form';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSession } from '../auth/session-context';
import { createStatusPage } from './statuspages.api';
import type { StatusPage } from './statuspages.types';

export function CreatePageForm({ onCreated }: { onCreated: (page: StatusPage) => void }) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [hostName, setHostName] = useState('');
  const form = useForm(
    async () => {
      const page = await createStatusPage(client, {
        name: naming.name.trim(),
        slug: naming.slug,
        visibility,
        ...(hostName.trim() && { hostName: hostName.trim() }),
      });
      naming.reset();
      onCreated(page);
    },
    {
      'status-page-name': 'body.name',
      'status-page-slug': 'body.slug',
      'status-page-visibility': 'body.visibility',
      'status-page-host': 'body.hostName',
    },
  );
  const { isSubmitting, onSubmit } = form;
  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-page-heading">
      <h2 id="create-page-heading">Create a status page</h2>
      <FormError form={form} />
      <NameAndSlugFields idPrefix="status-page" state={naming} slugHint="Its address: /status/<slug>/." form={form} />
      <Field id="status-page-visibility" label="Who can read it" form={form}>
        <select
          id="status-page-visibility"
          value={visibility}
          onChange={(event) => setVisibility(event.target.value as 'public' | 'private')}
        >
          <option value="public">Anyone (public)</option>
          <option value="private">Signed-in members, or a secret link</option>
        </select>
      </Field>
      <Field
        id="status-page-host"
        label="Host name (optional)"
        hint="Point this name at Tocsin and it serves the page at its root."
        form={form}
      >
        <input
          id="status-page-host"
          value={hostName}
          placeholder="status.example.com"
          onChange={(event) => setHostName(event.target.value)}
        />
      </Field>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create status page'}
        </button>
      </div>
    </form>
  );
}
