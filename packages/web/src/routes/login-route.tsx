/**
 * /login: the sign-in screen. Signed-in visitors go straight on to where
 * they were heading (or /app).
 */
import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { LoginForm } from '../features/auth/login-form';
import { useSession } from '../features/auth/session-context';
import { SsoButton } from '../features/auth/sso-button';
import { BrandMark } from '../ui/brand';

interface LoginLocationState {
  from?: string;
  reason?: 'none' | 'expired' | 'signed-out';
}

export function LoginRoute() {
  const { state } = useSession();
  const location = useLocation();
  const { from, reason } = (location.state ?? {}) as LoginLocationState;

  useEffect(() => {
    document.title = 'Sign in · Tocsin';
  }, []);

  if (state.status === 'signed-in') {
    const target = from?.startsWith('/app') ? from : '/app';
    return <Navigate to={target} replace />;
  }

  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <p className="brand brand-large">
          <BrandMark />
          Tocsin
        </p>
        <h1>Sign in</h1>
        {reason === 'expired' && (
          <div className="notice notice-info" role="status">
            Your session has ended. Sign in again to carry on.
          </div>
        )}
        {reason === 'signed-out' && (
          <div className="notice notice-info" role="status">
            You are signed out.
          </div>
        )}
        {state.status === 'unreachable' && (
          <div className="notice notice-error" role="alert">
            {state.message}
          </div>
        )}
        <LoginForm />
        <SsoButton />
      </div>
    </main>
  );
}
