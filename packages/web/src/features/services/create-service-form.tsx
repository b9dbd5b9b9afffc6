/** Admins create a service: a name, a slug derived from it (editable), and the escalation policy that pages for it. */
import { useState } from 'react';
import type { EscalationPolicy } from '../escalation/escalation.types';
import type { Service } from './services.types';
import { ErrorMessage } from '../../ui/feedback';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { createService } from './services.api';

export function CreateServiceForm({
  policies,
  onCreated,
}: {
  policies: readonly EscalationPolicy[];
  onCreated: (service: Service) => void;
}) {
  const { client } = useSession();
  const naming = useNameAndSlug();
  const [policyId, setPolicyId] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    const service = await createService(client, {
      name: naming.name.trim(),
      slug: naming.slug,
      escalationPolicyId: policyId,
    });
    naming.reset();
    onCreated(service);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-service-heading">
      <h2 id="create-service-heading">Create a service</h2>
      <ErrorMessage error={error} />
      <NameAndSlugFields
        idPrefix="service"
        state={naming}
        slugHint="Lowercase letters, digits and single dashes, e.g. checkout-api."
      />
      <div className="field">
        <label htmlFor="service-policy">Escalation policy</label>
        <select
          id="service-policy"
          required
          value={policyId}
          onChange={(event) => setPolicyId(event.target.value)}
          aria-describedby="service-policy-hint"
        >
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
