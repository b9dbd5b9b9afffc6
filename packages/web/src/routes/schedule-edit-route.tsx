/** /app/schedules/:id/edit: change a schedule's layers with a preview; saving makes a new version from now. */
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ScheduleEditor } from '../features/schedules/schedule-editor';
import { useSchedule } from '../features/schedules/schedules.api';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

export function ScheduleEditRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const schedule = useSchedule(id);
  const users = useUsers();
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
