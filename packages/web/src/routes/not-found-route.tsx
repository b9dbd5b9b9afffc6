/** An address that matches no screen. */
import { Link } from 'react-router-dom';
import { EmptyState } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function NotFoundRoute() {
  return (
    <div className="page">
      <PageHeader title="Page not found" />
      <EmptyState title="Nothing lives at this address">
        <p>
          Check the link, or go to <Link to="/app">the start page</Link>.
        </p>
      </EmptyState>
    </div>
  );
}
