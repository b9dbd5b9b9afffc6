/**
 * /app/schedules/:id: one schedule. Who is on call now, a timeline (final and
 * per layer) of a week, two weeks or a month that pages back and forth, with
 * its shifts in words on the schedule's clock and the viewer's; the checks,
 * overrides, the swap market, calendar feeds, and the version history with
 * Restore. The address keeps the view and the position
 * (?view=week|fortnight|month&date=YYYY-MM-DD, a date on the schedule's clock).
 */
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { mayEditSchedule, mayTakePartIn } from '../features/schedules/schedule-permissions';
import {
  isDate,
  parseView,
  RANGE_VIEWS,
  rangeLabel,
  rangeOf,
  stepDate,
  type RangeView,
} from '../features/schedules/schedule-range';
import { ShiftList } from '../features/schedules/shift-list';
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
import { todayIn, zonedToInstant } from '../features/schedules/zoned-time';
import { useTeams } from '../features/teams/teams.api';
import { useUsers } from '../features/users/users.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

export function ScheduleRoute() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const teams = useTeams();
  const [search] = useSearchParams();
  const [generation, setGeneration] = useState(0);
  const refresh = () => setGeneration((n) => n + 1);
  const schedule = useSchedule(id, generation);
  const timeZone = schedule.data?.timeZone;
  const canEdit = !!schedule.data && mayEditSchedule(me.role, me.id, schedule.data.teamId, teams.data ?? []);
  const canTakePart = !!schedule.data && mayTakePartIn(me.role, me.id, schedule.data, teams.data ?? []);
  const view = parseView(search.get('view'));
  const today = timeZone ? todayIn(timeZone) : undefined;
  const requested = search.get('date');
  const date = isDate(requested) ? requested : today;
  const isDefault = !search.get('view') && !isDate(requested);
  const range = date ? rangeOf(view, date) : undefined;
  const from = useMemo(
    () => (timeZone && range ? zonedToInstant(`${range.start}T00:00`, timeZone) : undefined),
    [timeZone, range?.start],
  );
  const timeline = useScheduleTimeline(id, from, range?.days ?? 14, generation);

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
        {canTakePart && <TakePagerForm scheduleId={current.id} onTaken={refresh} />}
      </section>
      <ErrorMessage error={schedule.error ?? timeline.error} title="Part of the schedule could not be loaded:" />
      {date && (
        <nav className="range-bar" aria-label="Dates shown">
          <Link
            className="button small"
            to={`?${withParams(search, { view, date: stepDate(view, date, -1) })}`}
            aria-label={`Previous ${view === 'fortnight' ? 'two weeks' : view}`}
          >
            ← Previous
          </Link>
          <span className="range-label" data-testid="range-label">
            {rangeLabel(view, date)}
          </span>
          <Link
            className="button small"
            to={`?${withParams(search, { view, date: stepDate(view, date, 1) })}`}
            aria-label={`Next ${view === 'fortnight' ? 'two weeks' : view}`}
          >
            Next →
          </Link>
          {date !== today && (
            <Link className="button small" to={`?${withParams(search, { view, date: today! })}`}>
              Today
            </Link>
          )}
          <span className="range-views">
            {RANGE_VIEWS.map((option) => (
              <Link
                key={option.view}
                className="button small"
                to={`?${withParams(search, { view: option.view, date })}`}
                aria-current={option.view === view ? 'page' : undefined}
              >
                {option.label}
              </Link>
            ))}
          </span>
        </nav>
      )}
      {timeline.data && from && range && (
        <TimelineChart
          title={isDefault ? `Next ${range.days} days` : rangeLabel(view, date!)}
          timeZone={current.timeZone}
          viewerZone={me.timeZone}
          from={from}
          days={range.days}
          shifts={timeline.data.shifts}
          layers={timeline.data.layers}
        />
      )}
      {timeline.data && (
        <details className="panel" data-testid="shifts-in-range">
          <summary>Shifts in these days, in words</summary>
          <ShiftList
            shifts={timeline.data.shifts.map((shift, index) => ({
              key: `${shift.userId}-${shift.start}-${index}`,
              who: shift.name,
              start: shift.start,
              end: shift.end,
            }))}
            zone={current.timeZone}
            viewerZone={me.timeZone}
            empty="Nobody is on call in these days."
          />
        </details>
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
          canChange={canTakePart}
        />
      )}
      <ErrorMessage error={swaps.error} title="The swap market could not be loaded:" />
      {swaps.data && (
        <SwapsPanel
          scheduleId={current.id}
          timeZone={current.timeZone}
          swaps={swaps.data}
          onChanged={refresh}
          canChange={canTakePart}
        />
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
          canRestore={canEdit}
        />
      )}
    </div>
  );
}

/** The current query with the view and date set: links keep anything else in the address. */
function withParams(search: URLSearchParams, next: { view: RangeView; date: string }): string {
  const params = new URLSearchParams(search);
  params.set('view', next.view);
  params.set('date', next.date);
  return params.toString();
}
