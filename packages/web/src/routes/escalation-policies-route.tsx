/**
 * /app/escalation-policies: who is paged and in what order, and who each
 * level would page now (schedules resolved to whoever is on call); admins create,
 * edit and delete policies (a policy a service uses cannot be deleted: the
 * server says which services to move first).
 */
import { useState } from 'react';
import { useCurrentUser, useSession } from '../features/auth/session-context';
import { deleteEscalationPolicy, useEscalationPolicies } from '../features/escalation/escalation.api';
import { PolicyForm } from '../features/escalation/policy-form';
import { PolicyLevels } from '../features/escalation/policy-levels';
import { LevelsOnCall } from '../features/schedules/levels-oncall';
import { useTargetOptions } from '../features/escalation/target-options';
import { isAdmin } from '../features/users/roles';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { ConfirmButton } from '../ui/confirm-button';
import { PageHeader } from '../ui/page-header';

export function EscalationPoliciesRoute() {
  const user = useCurrentUser();
  const { client } = useSession();
  const canManage = isAdmin(user.role);
  const policies = useEscalationPolicies();
  const options = useTargetOptions(canManage);
  const [editingId, setEditingId] = useState<string>();

  return (
    <div className="page">
      <PageHeader
        title="Escalation policies"
        summary="Who is paged and in what order. Each level is notified in turn until someone acknowledges."
      />
      <ErrorMessage error={policies.error} title="The escalation policies could not be loaded:" />
      <ErrorMessage error={options.error} title="The people, teams, schedules and channels could not be loaded:" />
      {canManage && options.data && <PolicyForm options={options.data} onSaved={policies.reload} />}
      {policies.isLoading && !policies.data && <Loading what="escalation policies" />}
      {policies.data?.length === 0 && (
        <EmptyState title="No escalation policies yet">
          <p>{canManage ? 'Create the first policy above.' : 'An admin can create escalation policies.'}</p>
        </EmptyState>
      )}
      <div className="stack">
        {policies.data?.map((policy) =>
          editingId === policy.id && options.data ? (
            <PolicyForm
              key={policy.id}
              policy={policy}
              options={options.data}
              onSaved={() => {
                setEditingId(undefined);
                policies.reload();
              }}
              onCancel={() => setEditingId(undefined)}
            />
          ) : (
            <article key={policy.id} className="panel" aria-labelledby={`policy-${policy.id}`} data-testid="policy">
              <header className="team-header">
                <h2 id={`policy-${policy.id}`}>{policy.name}</h2>
                {canManage && (
                  <div className="card-actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Edit ${policy.name}`}
                      onClick={() => setEditingId(policy.id)}
                    >
                      Edit
                    </button>
                    <ConfirmButton
                      small
                      label="Delete"
                      ariaLabel={`Delete ${policy.name}`}
                      confirmLabel={`Yes, delete “${policy.name}”`}
                      onConfirm={async () => {
                        await deleteEscalationPolicy(client, policy.id);
                        policies.reload();
                      }}
                    />
                  </div>
                )}
              </header>
              {policy.description && <p>{policy.description}</p>}
              <PolicyLevels policy={policy} />
              <LevelsOnCall scope={{ policy: policy.id }} />
            </article>
          ),
        )}
      </div>
    </div>
  );
}
