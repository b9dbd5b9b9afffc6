/**
 * Who is signed in. Checks the session cookie once at start, signs in and
 * out, keeps the CSRF token for writes, and owns the API client. When any
 * call answers 401 the session is marked lost and the guard sends the person
 * to /login.
 */
import type { TocsinClient } from '@tocsin/sdk';
import { TocsinApiError, unwrap } from '@tocsin/sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createApiClient } from '../../api/client';
import { messageOf } from '../../api/errors';
import { fetchSession, logIn, logOut } from './auth.api';
import type { User } from '../users/users.types';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; reason: 'none' | 'expired' | 'signed-out' }
  | { status: 'signed-in'; user: User };

export interface SessionValue {
  state: SessionState;
  client: TocsinClient;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Replaces the signed-in user after they edit their own profile. */
  setUser(user: User): void;
  retry(): void;
}

const SessionContext = createContext<SessionValue | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const csrfToken = useRef<string | undefined>(undefined);

  const client = useMemo(
    () =>
      createApiClient({
        csrfToken: () => csrfToken.current,
        onSessionLost: () => {
          csrfToken.current = undefined;
          setState((current) =>
            current.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : current,
          );
        },
      }),
    [],
  );

  useEffect(() => {
    let isCurrent = true;
    fetchSession(client).then(
      (result) => {
        if (!isCurrent) return;
        if (result.response.status === 401) return setState({ status: 'signed-out', reason: 'none' });
        try {
          const session = unwrap(result);
          csrfToken.current = session.csrfToken;
          setState({ status: 'signed-in', user: session.user });
        } catch (error) {
          setState({ status: 'unreachable', message: messageOf(error) });
        }
      },
      (error: unknown) => isCurrent && setState({ status: 'unreachable', message: messageOf(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, attempt]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const session = await logIn(client, email, password);
      csrfToken.current = session.csrfToken;
      setState({ status: 'signed-in', user: session.user });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await logOut(client);
    } catch (error) {
      // An already-expired session is signed out anyway; anything else is worth telling.
      if (!(error instanceof TocsinApiError && error.status === 401)) throw error;
    } finally {
      csrfToken.current = undefined;
    }
    setState({ status: 'signed-out', reason: 'signed-out' });
  }, [client]);

  const setUser = useCallback((user: User) => setState({ status: 'signed-in', user }), []);
  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(
    () => ({ state, client, signIn, signOut, setUser, retry }),
    [state, client, signIn, signOut, setUser, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for screens behind the session guard. */
export function useCurrentUser(): User {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser needs a signed-in session');
  return state.user;
}
