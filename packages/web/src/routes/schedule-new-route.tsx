/** /app/schedules/new: create a schedule with its layers, previewing it first; opens the schedule once saved. */
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { ScheduleEditor } from '../features/schedules/schedule-editor';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

export function ScheduleNewRoute() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const users = useUsers();
  return (
    <div className="page">
      <PageHeader
        title="New schedule"
        summary="Name it, pick its time zone, and add layers of people who take turns. Preview before you create it."
      />
      <ErrorMessage error={users.error} title="The people to add could not be loaded:" />
      {users.isLoading && !users.data && <Loading what="people" />}
      {users.data && (
        <ScheduleEditor
          users={users.data}
          defaultTimeZone={user.timeZone}
          onSaved={(result) => void navigate(`/app/schedules/${result.schedule.id}`)}
        />
      )}
    </div>
  );
}
