/** /app/status-pages: every status page with its address; admins create pages. */
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { CreatePageForm } from '../features/statuspages/create-page-form';
import { useStatusPages } from '../features/statuspages/statuspages.api';
import { isAdmin } from '../features/users/roles';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function StatusPagesRoute() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const pages = useStatusPages();
  const canManage = isAdmin(user.role);
  return (
    <div className="page">
      <PageHeader
        title="Status pages"
        summary="What the public is told: components and their status, and incidents with their updates. Pages keep serving while the database is down."
      />
      {canManage && <CreatePageForm onCreated={(page) => void navigate(`/app/status-pages/${page.slug}`)} />}
      <ErrorMessage error={pages.error} title="The status pages could not be loaded:" />
      {pages.isLoading && !pages.data && <Loading what="status pages" />}
      {pages.data?.length === 0 && (
        <EmptyState title="No status pages yet">
          <p>{canManage ? 'Create the first page above.' : 'An admin can create status pages.'}</p>
        </EmptyState>
      )}
      {pages.data && pages.data.length > 0 && (
        <ul className="plain-list stack">
          {pages.data.map((page) => (
            <li key={page.id} className="panel">
              <h2>
                <Link to={`/app/status-pages/${page.slug}`}>{page.name}</Link>{' '}
                <span className="badge">{page.visibility === 'public' ? 'Public' : 'Private'}</span>
              </h2>
              <p>
                <a href={`${page.path}/`} target="_blank" rel="noreferrer">
                  {page.path}/
                </a>
                {page.hostName && <> · also at {page.hostName}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
