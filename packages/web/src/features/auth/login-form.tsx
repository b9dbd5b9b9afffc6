/**
 * Email and password sign-in. Shows the server's own message when it
 * refuses, and keeps the email so a mistyped password costs one field.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from './session-context';

export function LoginForm() {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    try {
      await signIn(email.trim(), password);
    } catch (failure) {
      setPassword('');
      throw failure;
    }
  });

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Sign in with email">
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" className="button primary wide" disabled={isSubmitting}>
        {isSubmitting ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
