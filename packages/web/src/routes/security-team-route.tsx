/** /app/settings/security-team (admins): the team whose members see every private incident (ADR 18). */
import { SecurityTeamForm } from '../features/response/security-team-form';
import { useSecurityTeam } from '../features/response/privacy.api';
import { useTeams } from '../features/teams/teams.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function SecurityTeamRoute() {
  const security = useSecurityTeam();
  const teams = useTeams();
  const reload = () => {
    security.reload();
    teams.reload();
  };
  return (
    <>
      <PageHeader
        title="Security team"
        summary="Security incidents are private by default. A private incident is seen only by its members (its role holders, followers and whoever is paged for it), owners, admins and the members of this team."
      />
      <ErrorMessage error={security.error ?? teams.error} title="The security team could not be loaded:" />
      {(!security.data || !teams.data) && !security.error && !teams.error && <Loading what="the security team" />}
      {teams.data?.length === 0 && (
        <EmptyState title="No teams yet">
          <p>Create the security team on the Teams page first, then name it here.</p>
        </EmptyState>
      )}
      {security.data && teams.data && teams.data.length > 0 && (
        <div className="stack">
          <SecurityTeamForm teams={teams.data} teamId={security.data.teamId} onSaved={reload} />
        </div>
      )}
    </>
  );
}
