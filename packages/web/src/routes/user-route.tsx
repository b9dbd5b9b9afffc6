/** /app/users/:id: one person. Admins change their profile, role, time zone, sign-in and contact methods. */
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { AddContactMethodForm } from '../features/notify/add-contact-method-form';
import { ContactMethodItem } from '../features/notify/contact-method-item';
import { useContactMethods } from '../features/notify/notify.api';
import { isAdmin } from '../features/users/roles';
import { UserAdminForm } from '../features/users/user-admin-form';
import { useUser } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function UserRoute() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const user = useUser(id);
  const canManage = isAdmin(me.role);
  const methods = useContactMethods(canManage ? id : me.id);
  const data = user.data;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/users">← Users</Link>
      </p>
      <PageHeader title={data ? data.name : 'User'} summary={data ? `${data.email} · ${data.role}` : undefined} />
      <ErrorMessage error={user.error} title="This person could not be loaded:" />
      {user.isLoading && !data && <Loading what="the person" />}
      {data && !canManage && <p className="muted">Only admins change other people.</p>}
      {data && canManage && (
        <div className="stack">
          <UserAdminForm key={data.updatedAt} user={data} onChanged={() => user.reload()} />
          <AddContactMethodForm userId={data.id} onAdded={methods.reload} canProvision={data.id !== me.id} />
          <section className="panel" aria-labelledby="user-methods-heading">
            <h2 id="user-methods-heading">{data.name}'s contact methods</h2>
            <ErrorMessage error={methods.error} title="The contact methods could not be loaded:" />
            {methods.data?.length === 0 && <p className="muted">None yet.</p>}
            <ul className="plain-list">
              {(methods.data ?? []).map((method) => (
                <ContactMethodItem key={method.id} method={method} onChanged={methods.reload} />
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
