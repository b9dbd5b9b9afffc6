/** /app/schedules: every schedule with its time zone and who is on call now, and the "Who is on call" box. */
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { mayCreateSchedules } from '../features/schedules/schedule-permissions';
import { OnCallBox } from '../features/schedules/oncall-box';
import { ScheduleTable } from '../features/schedules/schedule-table';
import { useSchedules } from '../features/schedules/schedules.api';
import { useTeams } from '../features/teams/teams.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

export function SchedulesListRoute() {
  const me = useCurrentUser();
  const teams = useTeams();
  const canCreate = mayCreateSchedules(me.role, me.id, teams.data ?? []);
  const schedules = useSchedules();
  return (
    <div className="page">
      <PageHeader
        title="Schedules"
        summary="On-call rotations in layers, with overrides and swaps. Escalation policies page whoever is on call."
        actions={
          canCreate && (
            <Link className="button primary" to="/app/schedules/new">
              New schedule
            </Link>
          )
        }
      />
      <OnCallBox />
      <ErrorMessage error={schedules.error} title="The schedules could not be loaded:" />
      {schedules.isLoading && !schedules.data && <Loading what="schedules" />}
      {schedules.data?.length === 0 && (
        <EmptyState title="No schedules yet">
          <p>
            {canCreate
              ? 'Create the first one with “New schedule”.'
              : 'An admin or a team manager can create schedules.'}
          </p>
        </EmptyState>
      )}
      {schedules.data && schedules.data.length > 0 && (
        <div className="panel flush">
          <ScheduleTable schedules={schedules.data} />
        </div>
      )}
    </div>
  );
}
