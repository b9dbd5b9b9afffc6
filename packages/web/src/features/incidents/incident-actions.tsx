/**
 * What a responder can do to one incident: acknowledge, resolve, escalate
 * now, snooze for some minutes, or reassign to a person (paged at once) or
 * to an escalation policy (walked from its first level). Every refusal shows
 * the server's own explanation.
 */
import { useState, type FormEvent } from 'react';
import type { EscalationPolicy } from '../escalation/escalation.types';
import type { Incident } from './incidents.types';
import type { User } from '../users/users.types';
import { ErrorMessage } from '../../ui/feedback';
import { Fold } from '../../ui/fold';
import { useSession } from '../auth/session-context';
import { reassignIncident, snoozeIncident } from './incidents.api';
import { isOpen } from './incident-labels';
import { ACTION_LABELS, useIncidentAction, type SimpleAction } from './use-incident-action';

interface IncidentActionsProps {
  incident: Incident;
  users: readonly User[];
  policies: readonly EscalationPolicy[];
  onChanged: (incident: Incident) => void;
}

/** A reassignment target as one select value: "user:<id>" or "policy:<id>". */
function reassignBody(target: string) {
  const [kind, id = ''] = target.split(':');
  return kind === 'policy' ? { policyId: id } : { userIds: [id] };
}

export function IncidentActions({ incident, users, policies, onChanged }: IncidentActionsProps) {
  const { client } = useSession();
  const action = useIncidentAction(onChanged);
  const [minutes, setMinutes] = useState('30');
  const [target, setTarget] = useState('');
  const [formError, setFormError] = useState<unknown>();
  const [isSubmitting, setSubmitting] = useState(false);

  if (!isOpen(incident.status)) return null;

  async function submit(event: FormEvent, send: () => Promise<Incident>) {
    event.preventDefault();
    setFormError(undefined);
    setSubmitting(true);
    try {
      onChanged(await send());
    } catch (failure) {
      setFormError(failure);
    } finally {
      setSubmitting(false);
    }
  }

  // A declared incident is resolved by its owner moving the stage (the response panel): no second Resolve here.
  const resolves: SimpleAction[] = incident.response ? [] : ['resolve'];
  const simple: SimpleAction[] =
    incident.status === 'triggered' ? ['acknowledge', ...resolves, 'escalate'] : [...resolves, 'escalate'];
  const isBusy = action.busy !== undefined || isSubmitting;

  return (
    <section className="panel" aria-labelledby="incident-actions-heading">
      <h2 id="incident-actions-heading">Respond</h2>
      <ErrorMessage error={action.error ?? formError} title="That did not work:" />
      <div className="form-actions">
        {simple.map((name) => (
          <button
            key={name}
            type="button"
            className={
              name === 'acknowledge' || (name === 'resolve' && incident.status === 'acknowledged')
                ? 'button primary'
                : 'button'
            }
            disabled={isBusy}
            onClick={() => void action.run(incident.id, name)}
          >
            {action.busy === name ? `${ACTION_LABELS[name]}…` : ACTION_LABELS[name]}
          </button>
        ))}
      </div>
      <Fold title="Snooze or reassign" testId="fold-snooze-reassign">
        <form
          className="inline-form"
          aria-label="Snooze"
          onSubmit={(event) => void submit(event, () => snoozeIncident(client, incident.id, Number(minutes)))}
        >
          <div className="field">
            <label htmlFor="snooze-minutes">Snooze for (minutes)</label>
            <input
              id="snooze-minutes"
              type="number"
              required
              min={1}
              max={10080}
              value={minutes}
              onChange={(event) => setMinutes(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={isBusy}>
            Snooze
          </button>
        </form>
        <form
          className="inline-form"
          aria-label="Reassign"
          onSubmit={(event) => void submit(event, () => reassignIncident(client, incident.id, reassignBody(target)))}
        >
          <div className="field">
            <label htmlFor="reassign-target">Reassign to</label>
            <select
              id="reassign-target"
              required
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              aria-describedby="reassign-hint"
            >
              <option value="">Choose someone or a policy…</option>
              <optgroup label="People (paged at once)">
                {users.map((user) => (
                  <option key={user.id} value={`user:${user.id}`}>
                    {user.name} ({user.email})
                  </option>
                ))}
              </optgroup>
              <optgroup label="Escalation policies (from level 1)">
                {policies.map((policy) => (
                  <option key={policy.id} value={`policy:${policy.id}`}>
                    {policy.name}
                  </option>
                ))}
              </optgroup>
            </select>
            <p className="hint" id="reassign-hint">
              A person is paged at once; a policy starts over from its first level.
            </p>
          </div>
          <button type="submit" className="button" disabled={isBusy || !target}>
            Reassign
          </button>
        </form>
      </Fold>
    </section>
  );
}
