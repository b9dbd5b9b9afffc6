/** /app/teams: every team with its members; admins create teams and manage membership. */
import { useCurrentUser } from '../features/auth/session-context';
import { CreateTeamForm } from '../features/teams/create-team-form';
import { TeamCard } from '../features/teams/team-card';
import { useTeams } from '../features/teams/teams.api';
import { isAdmin } from '../features/users/roles';
import { useUsers } from '../features/users/users.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function TeamsRoute() {
  const user = useCurrentUser();
  const canManage = isAdmin(user.role);
  const teams = useTeams();
  const users = useUsers(canManage);

  return (
    <div className="page">
      <PageHeader
        title="Teams"
        summary="Teams own services and are paged together. Each team lists its members and managers."
      />
      {canManage && <CreateTeamForm onCreated={teams.reload} />}
      <ErrorMessage error={teams.error} title="The teams could not be loaded:" />
      <ErrorMessage error={users.error} title="The people to add could not be loaded:" />
      {teams.isLoading && !teams.data && <Loading what="teams" />}
      {teams.data?.length === 0 && (
        <EmptyState title="No teams yet">
          <p>{canManage ? 'Create the first team above.' : 'An admin can create teams.'}</p>
        </EmptyState>
      )}
      <div className="stack">
        {teams.data?.map((team) => (
          <TeamCard key={team.id} team={team} users={users.data ?? []} canManage={canManage} onChanged={teams.reload} />
        ))}
      </div>
    </div>
  );
}
