/**
 * Loads data for a screen through the API client: loading, error and data
 * states, and `reload()` after a change. Small on purpose; the screens need
 * no cache.
 */
import type { TocsinClient } from '@tocsin/sdk';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../features/auth/session-context';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  isLoading: boolean;
  reload: () => void;
}

export function useResource<T>(load: (client: TocsinClient) => Promise<T>, deps: readonly unknown[] = []): Resource<T> {
  const { client } = useSession();
  const [state, setState] = useState<{ data?: T; error?: unknown; isLoading: boolean }>({ isLoading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    setState((previous) => ({ ...previous, isLoading: true }));
    load(client).then(
      (data) => isCurrent && setState({ data, isLoading: false }),
      // Keep what was shown before: a failed refresh should not blank the screen.
      (error: unknown) => isCurrent && setState((previous) => ({ data: previous.data, error, isLoading: false })),
    );
    return () => {
      isCurrent = false;
    };
    // `load` is a new function on every render; callers list what it depends on in `deps`.
  }, [client, generation, ...deps]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, isLoading: state.isLoading, reload };
}
