/** Schedules as a table: name (links to the schedule), time zone, who is on call now, and the version in effect. */
import { Link } from 'react-router-dom';
import type { Schedule } from './schedules.types';

export function ScheduleTable({ schedules }: { schedules: readonly Schedule[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Schedules</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Time zone</th>
          <th scope="col">On call now</th>
          <th scope="col">Layers</th>
          <th scope="col">Version</th>
        </tr>
      </thead>
      <tbody>
        {schedules.map((schedule) => (
          <tr key={schedule.id} data-testid="schedule-row">
            <td>
              <Link to={`/app/schedules/${schedule.id}`}>{schedule.name}</Link>
            </td>
            <td>{schedule.timeZone}</td>
            <td data-testid="schedule-oncall">
              {schedule.onCallNow.length === 0 ? (
                <strong className="nobody">nobody</strong>
              ) : (
                schedule.onCallNow.map((user) => user.name).join(', ')
              )}
            </td>
            <td>{schedule.definition.layers.map((layer) => layer.name).join(', ')}</td>
            <td>{schedule.currentVersion ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
