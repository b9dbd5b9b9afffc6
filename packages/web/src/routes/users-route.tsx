/** /app/users: everyone with access; admins add people with a role, and open one to change them. */
import { useState } from 'react';
import type { User } from '../features/users/users.types';
import { useCurrentUser } from '../features/auth/session-context';
import { CreateUserForm } from '../features/users/create-user-form';
import { isAdmin } from '../features/users/roles';
import { UserTable } from '../features/users/user-table';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading, SuccessMessage } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function UsersRoute() {
  const me = useCurrentUser();
  const users = useUsers();
  const [created, setCreated] = useState<User>();

  return (
    <div className="page">
      <PageHeader
        title="Users"
        summary="Everyone who can sign in to Tocsin or be paged by it, and what their role lets them do."
      />
      {isAdmin(me.role) && (
        <CreateUserForm
          onCreated={(user) => {
            setCreated(user);
            users.reload();
          }}
        />
      )}
      {created && (
        <SuccessMessage>
          Added {created.name} ({created.email}) as {created.role}.
        </SuccessMessage>
      )}
      <ErrorMessage error={users.error} title="The users could not be loaded:" />
      {users.isLoading && !users.data && <Loading what="users" />}
      {users.data && (
        <section className="panel flush" aria-label="All users">
          <UserTable users={users.data} currentUserId={me.id} canManage={isAdmin(me.role)} />
        </section>
      )}
    </div>
  );
}
