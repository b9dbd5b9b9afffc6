/** The foot of a paged list: how many are shown, and a button for the next page while there is one. */
import type { PagedList } from '../api/use-paged-list';

export function LoadMore({ list, what }: { list: PagedList<unknown>; what: string }) {
  const count = list.items?.length ?? 0;
  return (
    <div className="load-more">
      <p className="muted" role="status" data-testid="shown-count">
        {list.hasMore ? `Showing the newest ${count} ${what}.` : `Showing all ${count} ${what}.`}
      </p>
      {list.hasMore && (
        <button type="button" className="button" disabled={list.isLoading} onClick={list.loadMore}>
          {list.isLoading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
