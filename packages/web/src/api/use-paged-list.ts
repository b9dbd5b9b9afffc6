/**
 * Loads a list the API serves a page at a time ({ items, nextCursor }):
 * the first page whenever `deps` (the filters) change, the next page on
 * `loadMore()`, and on `reload()` the same pages again from the start, so
 * a refresh keeps what was shown and corrects it. The newest request wins:
 * an answer to an older one (say, for filters since changed) is dropped.
 */
import type { TocsinClient } from '@tocsin/sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../features/auth/session-context';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[] | undefined;
  error: unknown;
  isLoading: boolean;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface State<T> {
  items?: T[];
  nextCursor: string | null;
  pageCount: number;
  error?: unknown;
  isLoading: boolean;
}

/** Items that moved to a later page while paging (newer ones arrived) are shown once. */
function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}

export function usePagedList<T extends { id: string }>(
  loadPage: (client: TocsinClient, cursor: string | undefined) => Promise<Page<T>>,
  deps: readonly unknown[] = [],
): PagedList<T> {
  const { client } = useSession();
  const [state, setState] = useState<State<T>>({ nextCursor: null, pageCount: 0, isLoading: true });
  // `loadPage` is a new function on every render; the latest one (with the latest filters) is used.
  const load = useRef(loadPage);
  load.current = loadPage;
  const latest = useRef(0);
  const current = useRef(state);
  current.current = state;

  const apply = useCallback(async (fetch: () => Promise<Pick<State<T>, 'items' | 'nextCursor' | 'pageCount'>>) => {
    const request = ++latest.current;
    setState((previous) => ({ ...previous, isLoading: true }));
    try {
      const loaded = await fetch();
      if (request === latest.current) setState({ ...loaded, isLoading: false });
    } catch (error) {
      // Keep what was shown before: a failed refresh should not blank the screen.
      if (request === latest.current) setState((previous) => ({ ...previous, error, isLoading: false }));
    }
  }, []);

  const loadPages = useCallback(
    async (pageCount: number) => {
      const items: T[] = [];
      let cursor: string | undefined;
      let loaded = 0;
      let nextCursor: string | null = null;
      do {
        const page = await load.current(client, cursor);
        items.push(...page.items);
        nextCursor = page.nextCursor;
        cursor = nextCursor ?? undefined;
        loaded++;
      } while (loaded < pageCount && nextCursor);
      return { items: uniqueById(items), nextCursor, pageCount: loaded };
    },
    [client],
  );

  useEffect(() => {
    void apply(() => loadPages(1));
    // Callers list what `loadPage` depends on (the filters) in `deps`.
  }, [apply, loadPages, ...deps]);

  const reload = useCallback(
    () => void apply(() => loadPages(Math.max(1, current.current.pageCount))),
    [apply, loadPages],
  );

  const loadMore = useCallback(() => {
    const { items = [], nextCursor, pageCount } = current.current;
    if (!nextCursor) return;
    void apply(async () => {
      const page = await load.current(client, nextCursor);
      return { items: uniqueById([...items, ...page.items]), nextCursor: page.nextCursor, pageCount: pageCount + 1 };
    });
  }, [apply, client]);

  return {
    items: state.items,
    error: state.error,
    isLoading: state.isLoading,
    hasMore: state.nextCursor !== null,
    loadMore,
    reload,
  };
}
