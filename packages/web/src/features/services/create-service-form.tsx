/** Admins create a service: a name, a slug derived from it (editable), and the escalation policy that pages for it. */
import { useState } from 'react';
import type { EscalationPolicy } from '../escalation/escalation.types';
import type { Service } from './services.types';
import { Field, FormError, useForm } from '../../ui/form';
import { NameAndSlugFields, useNameAndSlug } from '../../ui/name-slug-fields';
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

  const form = useForm(
    async () => {
      const service = await createService(client, {
        name: naming.name.trim(),
        slug: naming.slug,
        escalationPolicyId: policyId,
      });
      naming.reset();
      onCreated(service);
    },
    { 'service-name': 'body.name', 'service-slug': 'body.slug', 'service-policy': 'body.escalationPolicyId' },
  );
  const { isSubmitting, onSubmit } = form;

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-service-heading">
      <h2 id="create-service-heading">Create a service</h2>
      <FormError form={form} />
      <NameAndSlugFields
        idPrefix="service"
        form={form}
        state={naming}
        slugHint="Lowercase letters, digits and single dashes, e.g. checkout-api."
      />
      <Field
        id="service-policy"
        label="Escalation policy"
        hint={policies.length === 0 ? 'There are no escalation policies yet: create one first.' : undefined}
        form={form}
      >
        <select id="service-policy" required value={policyId} onChange={(event) => setPolicyId(event.target.value)}>
          <option value="">Choose a policy…</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create service'}
        </button>
      </div>
    </form>
  );
}
