/** The signed-in person sets a new password, typed twice, proving the current one when they have one. */
import { useState } from 'react';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser, useSession } from '../auth/session-context';
import { updateUser } from './users.api';

const MIN_PASSWORD_LENGTH = 12;

export function PasswordForm() {
  const { client, setUser } = useSession();
  const me = useCurrentUser();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [isSaved, setSaved] = useState(false);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new Error(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (password !== confirmation)
      throw new Error('The two passwords differ: type the same new password in both fields.');
    setUser(await updateUser(client, me.id, me.hasPassword ? { password, currentPassword } : { password }));
    setCurrentPassword('');
    setPassword('');
    setConfirmation('');
    setSaved(true);
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby="password-heading">
      <h2 id="password-heading">{me.hasPassword ? 'Change your password' : 'Set a password'}</h2>
      <ErrorMessage error={error} />
      {isSaved && <SuccessMessage>Your password is changed. Use it the next time you sign in.</SuccessMessage>}
      <input type="email" autoComplete="username" value={me.email} readOnly hidden />
      {me.hasPassword && (
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          required
          autoComplete="new-password"
          aria-describedby="new-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p className="hint" id="new-password-hint">
          At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.
        </p>
      </div>
      <div className="field">
        <label htmlFor="confirm-password">New password, again</label>
        <input
          id="confirm-password"
          type="password"
          required
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
