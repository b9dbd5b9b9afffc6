/**
 * Your notification rules: when an escalation reaches you, which verified
 * method is used, for which urgency, and how many minutes later. Shown as
 * sentences, grouped by urgency, so the plan can be read at a glance.
 */
import { useState, type FormEvent } from 'react';
import type { Urgency } from '../incidents/incidents.types';
import type { ContactMethod, NotificationRule } from './notify.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { addNotificationRule, deleteNotificationRule } from './notify.api';

interface NotificationRulesPanelProps {
  userId: string;
  rules: readonly NotificationRule[];
  methods: readonly ContactMethod[];
  onChanged: () => void;
}

export function NotificationRulesPanel({ userId, rules, methods, onChanged }: NotificationRulesPanelProps) {
  const { client } = useSession();
  const verified = methods.filter((method) => method.isVerified);
  const [methodId, setMethodId] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('high');
  const [delayMinutes, setDelayMinutes] = useState('0');
  const { error, isSubmitting: isBusy, run: runAction } = useSubmit();

  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      onChanged();
    });

  function add(event: FormEvent) {
    event.preventDefault();
    void run(async () =>
      addNotificationRule(client, userId, {
        contactMethodId: methodId,
        urgency,
        delayMinutes: Number(delayMinutes),
      }),
    );
  }

  const labelOf = (id: string) => methods.find((method) => method.id === id)?.label ?? 'a deleted method';
  const sorted = [...rules].sort((a, b) => a.urgency.localeCompare(b.urgency) || a.delayMinutes - b.delayMinutes);

  return (
    <section className="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Notification rules</h2>
      <ErrorMessage error={error} />
      {sorted.length === 0 ? (
        <p className="muted">
          No rules: you will not be reached when you are paged. Add at least one for high urgency.
        </p>
      ) : (
        <ul className="plain-list rule-list">
          {sorted.map((rule) => (
            <li key={rule.id} data-testid="notification-rule">
              <span>
                <strong>{rule.urgency === 'high' ? 'High' : 'Low'} urgency:</strong>{' '}
                {rule.delayMinutes === 0
                  ? 'immediately'
                  : `after ${rule.delayMinutes} ${rule.delayMinutes === 1 ? 'minute' : 'minutes'}`}
                , by {labelOf(rule.contactMethodId)}
              </span>
              <button
                type="button"
                className="button small"
                disabled={isBusy}
                aria-label={`Delete the ${rule.urgency} urgency rule for ${labelOf(rule.contactMethodId)} after ${rule.delayMinutes} minutes`}
                onClick={() => void run(() => deleteNotificationRule(client, userId, rule.id))}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {verified.length === 0 ? (
        <p className="inline-note muted">Verify a contact method above to add rules for it.</p>
      ) : (
        <form className="inline-form" aria-label="Add a notification rule" onSubmit={add}>
          <div className="field">
            <label htmlFor="rule-method">Method</label>
            <select id="rule-method" required value={methodId} onChange={(event) => setMethodId(event.target.value)}>
              <option value="">Choose…</option>
              {verified.map((method) => (
                <option key={method.id} value={method.id}>
                  {method.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rule-urgency">Urgency</label>
            <select id="rule-urgency" value={urgency} onChange={(event) => setUrgency(event.target.value as Urgency)}>
              <option value="high">High</option>
              <option value="low">Low</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="rule-delay">Minutes after you are paged</label>
            <input
              id="rule-delay"
              type="number"
              required
              min={0}
              max={1440}
              value={delayMinutes}
              onChange={(event) => setDelayMinutes(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={isBusy || !methodId}>
            Add rule
          </button>
        </form>
      )}
    </section>
  );
}
