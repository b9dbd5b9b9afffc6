/**
 * /app/schedules/:id: one schedule. Who is on call now, the next 14 days as a
 * timeline (final and per layer), the checks, overrides, the swap market,
 * calendar feeds, and the version history with Restore.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { mayEditSchedules } from '../features/schedules/schedule-permissions';
import { useCalendarFeeds } from '../features/schedules/calendars.api';
import { CalendarPanel } from '../features/schedules/calendar-panel';
import { ChecksPanel } from '../features/schedules/checks-panel';
import { OverridesPanel } from '../features/schedules/overrides-panel';
import { useOpenSwaps, useOverrides } from '../features/schedules/schedule-changes.api';
import {
  useSchedule,
  useScheduleChecks,
  useScheduleTimeline,
  useScheduleVersions,
} from '../features/schedules/schedules.api';
import { SwapsPanel } from '../features/schedules/swaps-panel';
import { TakePagerForm } from '../features/schedules/take-pager-form';
import { TimelineChart } from '../features/schedules/timeline-chart';
import { VersionsPanel } from '../features/schedules/versions-panel';
import { startOfDay } from '../features/schedules/zoned-time';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

const DAYS = 14;

export function ScheduleRoute() {
  const { id = '' } = useParams();
  const canEdit = mayEditSchedules(useCurrentUser().role);
  const [generation, setGeneration] = useState(0);
  const refresh = () => setGeneration((n) => n + 1);
  const schedule = useSchedule(id, generation);
  const timeZone = schedule.data?.timeZone;
  const from = useMemo(() => (timeZone ? startOfDay(new Date(), timeZone) : undefined), [timeZone, generation]);
  const timeline = useScheduleTimeline(id, from, DAYS);
  const checks = useScheduleChecks(id, generation);
  const overrides = useOverrides(id, generation);
  const versions = useScheduleVersions(id, generation);
  const swaps = useOpenSwaps(id, generation);
  const feeds = useCalendarFeeds(generation);
  const users = useUsers();

  if (!schedule.data) {
    return (
      <div className="page">
        <PageHeader title="Schedule" />
        <ErrorMessage error={schedule.error} title="The schedule could not be loaded:" />
        {schedule.isLoading && <Loading what="the schedule" />}
      </div>
    );
  }
  const current = schedule.data;
  return (
    <div className="page">
      <PageHeader
        title={current.name}
        summary={`Time zone ${current.timeZone} · version ${current.currentVersion ?? '—'}`}
        actions={
          canEdit && (
            <Link className="button" to={`/app/schedules/${current.id}/edit`}>
              Edit layers
            </Link>
          )
        }
      />
      <p className="breadcrumb">
        <Link to="/app/schedules">← All schedules</Link>
      </p>
      <section className="panel oncall-now" aria-labelledby="oncall-now-heading">
        <h2 id="oncall-now-heading">On call now</h2>
        <p className="oncall-names" data-testid="oncall-now">
          {current.onCallNow.length === 0 ? (
            <strong className="nobody">Nobody</strong>
          ) : (
            current.onCallNow.map((user) => user.name).join(', ')
          )}
        </p>
        <TakePagerForm scheduleId={current.id} onTaken={refresh} />
      </section>
      <ErrorMessage error={schedule.error ?? timeline.error} title="Part of the schedule could not be loaded:" />
      {timeline.data && from && (
        <TimelineChart
          title={`Next ${DAYS} days`}
          timeZone={current.timeZone}
          from={from}
          days={DAYS}
          shifts={timeline.data.shifts}
          layers={timeline.data.layers}
        />
      )}
      {timeline.isLoading && !timeline.data && <Loading what="the timeline" />}
      <ErrorMessage error={checks.error} title="The checks could not be loaded:" />
      {checks.data && <ChecksPanel checks={checks.data} timeZone={current.timeZone} />}
      <ErrorMessage error={overrides.error} title="The overrides could not be loaded:" />
      {overrides.data && (
        <OverridesPanel
          scheduleId={current.id}
          timeZone={current.timeZone}
          overrides={overrides.data}
          users={users.data ?? []}
          onChanged={refresh}
        />
      )}
      <ErrorMessage error={swaps.error} title="The swap market could not be loaded:" />
      {swaps.data && (
        <SwapsPanel scheduleId={current.id} timeZone={current.timeZone} swaps={swaps.data} onChanged={refresh} />
      )}
      <ErrorMessage error={feeds.error} title="The calendar feeds could not be loaded:" />
      {feeds.data && <CalendarPanel scheduleId={current.id} feeds={feeds.data} onChanged={refresh} />}
      <ErrorMessage error={versions.error} title="The history could not be loaded:" />
      {versions.data && (
        <VersionsPanel
          scheduleId={current.id}
          currentVersion={current.currentVersion}
          versions={versions.data}
          onRestored={refresh}
        />
      )}
    </div>
  );
}
