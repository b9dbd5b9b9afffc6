/**
 * The guard in front of /app: waits for the session check, sends signed-out
 * people to /login (remembering where they were going), and says plainly
 * when the server cannot be reached. Signed-in screens share one live stream.
 */
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../features/auth/session-context';
import { LiveProvider } from '../features/live/live-provider';

export function RequireSession() {
  const { state, retry } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <div className="splash" role="status">
        Checking your session…
      </div>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <div className="splash">
        <div className="notice notice-error" role="alert">
          {state.message}
        </div>
        <button type="button" className="button primary" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (state.status === 'signed-out') {
    // After a deliberate sign-out the next person starts afresh rather than on the last page.
    const from = state.reason === 'signed-out' ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from, reason: state.reason }} />;
  }
  // One live stream for every signed-in screen (ADR 19).
  return (
    <LiveProvider>
      <Outlet />
    </LiveProvider>
  );
}
