/** /app/schedules/:id/edit: change a schedule's layers with a preview; saving makes a new version from now. */
import { unwrap } from '@tocsin/sdk';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { ScheduleEditor } from '../features/schedules/schedule-editor';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

export function ScheduleEditRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const schedule = useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}', { params: { path: { id } } })),
    [id],
  );
  const users = useResource(async (client) => unwrap(await client.GET('/api/v1/users')).items);
  return (
    <div className="page">
      <PageHeader
        title={schedule.data ? `Edit ${schedule.data.name}` : 'Edit schedule'}
        summary="Change the layers, preview who would be on call and the checks, then save a new version from now."
      />
      <p className="breadcrumb">
        <Link to={`/app/schedules/${id}`}>← Back to the schedule</Link>
      </p>
      <ErrorMessage error={schedule.error ?? users.error} title="The schedule could not be loaded:" />
      {(!schedule.data || !users.data) && (schedule.isLoading || users.isLoading) && <Loading what="the schedule" />}
      {schedule.data && users.data && (
        <ScheduleEditor
          schedule={schedule.data}
          users={users.data}
          defaultTimeZone={schedule.data.timeZone}
          onSaved={() => void navigate(`/app/schedules/${id}`)}
        />
      )}
    </div>
  );
}
