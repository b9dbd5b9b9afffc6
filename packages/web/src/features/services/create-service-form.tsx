/** Admins create a service: a name, a slug derived from it (editable), and the escalation policy that pages for it. */
import { unwrap } from '@tocsin/sdk';
import { useState } from 'react';
import type { EscalationPolicy, Service } from '../../api/paging-types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { slugify } from '../teams/create-team-form';

export function CreateServiceForm({ policies, onCreated }: { policies: readonly EscalationPolicy[]; onCreated: (service: Service) => void }) {
  const { client } = useSession();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [isSlugEdited, setSlugEdited] = useState(false);
  const [policyId, setPolicyId] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const service = unwrap(await client.POST('/api/v1/services', { body: { name: name.trim(), slug, escalationPolicyId: policyId } }));
    setName('');
    setSlug('');
    setSlugEdited(false);
    onCreated(service);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-service-heading">
      <h2 id="create-service-heading">Create a service</h2>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="service-name">Name</label>
        <input
          id="service-name"
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
        <label htmlFor="service-slug">Slug</label>
        <input
          id="service-slug"
          required
          maxLength={64}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          aria-describedby="service-slug-hint"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            setSlugEdited(true);
          }}
        />
        <p className="hint" id="service-slug-hint">
          Lowercase letters, digits and single dashes, e.g. checkout-api.
        </p>
      </div>
      <div className="field">
        <label htmlFor="service-policy">Escalation policy</label>
        <select id="service-policy" required value={policyId} onChange={(event) => setPolicyId(event.target.value)} aria-describedby="service-policy-hint">
          <option value="">Choose a policy…</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </select>
        {policies.length === 0 && (
          <p className="hint" id="service-policy-hint">
            There are no escalation policies yet: create one first.
          </p>
        )}
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create service'}
        </button>
      </div>
    </form>
  );
}
