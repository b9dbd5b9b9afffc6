/** Creates an API token with a name, scopes and an optional expiry; the secret comes back once. */
import { useState } from 'react';
import type { CreatedApiToken, Scope } from './tokens.types';
import { Field, FormError, useForm } from '../../ui/form';
import { useCurrentUser, useSession } from '../auth/session-context';
import { isAdmin } from '../users/roles';
import { createToken } from './tokens.api';

const SCOPE_HELP: Record<Scope, string> = {
  read: 'read: look at incidents, schedules, users…',
  write: 'write: also acknowledge, resolve and change things your role allows',
  admin: 'admin: also manage users, teams and configuration',
};

const EXPIRY_CHOICES = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 0, label: 'Never' },
];

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { client } = useSession();
  const me = useCurrentUser();
  const offered: Scope[] = isAdmin(me.role) ? ['read', 'write', 'admin'] : ['read', 'write'];
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expiresInDays, setExpiresInDays] = useState(90);

  function toggle(scope: Scope, isOn: boolean) {
    setScopes((current) => (isOn ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  // No scope at all is the API's to refuse (body.scopes), said beside the scopes.
  const form = useForm(
    async () => {
      const body = { name: name.trim(), scopes, ...(expiresInDays > 0 && { expiresInDays }) };
      const token = await createToken(client, body);
      setName('');
      onCreated(token);
    },
    { 'token-name': 'body.name', 'token-scopes': 'body.scopes', 'token-expiry': 'body.expiresInDays' },
  );
  const { isSubmitting, onSubmit } = form;
  const scopesError = form.fieldError('token-scopes');

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <FormError form={form} />
      <Field
        id="token-name"
        label="Name"
        hint="Say where it will be used, so you know which one to revoke."
        form={form}
      >
        <input
          id="token-name"
          required
          maxLength={200}
          placeholder="e.g. laptop CLI, Grafana alerts"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </Field>
      <Field id="token-expiry" label="Expires after" form={form}>
        <select
          id="token-expiry"
          value={expiresInDays}
          onChange={(event) => setExpiresInDays(Number(event.target.value))}
        >
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.days} value={choice.days}>
              {choice.label}
            </option>
          ))}
        </select>
      </Field>
      <fieldset
        className={`span-2${scopesError ? ' has-error' : ''}`}
        aria-describedby={scopesError ? 'token-scopes-error' : undefined}
      >
        <legend>Scopes</legend>
        {scopesError && (
          <p className="field-error" id="token-scopes-error">
            {scopesError}
          </p>
        )}
        {offered.map((scope) => (
          <label key={scope} className="check">
            <input
              type="checkbox"
              name="scope"
              value={scope}
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            {SCOPE_HELP[scope]}
          </label>
        ))}
        <p className="hint">A token never does more than your role ({me.role}) allows.</p>
      </fieldset>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
