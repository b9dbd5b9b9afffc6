/**
 * /app/schedules/:id: one schedule. Who is on call now, the next 14 days as a
 * timeline (final and per layer), the checks, overrides, the swap market,
 * calendar feeds, and the version history with Restore.
 */
import { unwrap } from '@tocsin/sdk';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { useCurrentUser } from '../features/auth/session-context';
import { mayEditSchedules } from '../features/schedules/types';
import { CalendarPanel } from '../features/schedules/calendar-panel';
import { ChecksPanel } from '../features/schedules/checks-panel';
import { OverridesPanel } from '../features/schedules/overrides-panel';
import { SwapsPanel } from '../features/schedules/swaps-panel';
import { TakePagerForm } from '../features/schedules/take-pager-form';
import { TimelineChart } from '../features/schedules/timeline-chart';
import { VersionsPanel } from '../features/schedules/versions-panel';
import { startOfDay } from '../features/schedules/zoned-time';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

const DAYS = 14;

export function ScheduleRoute() {
  const { id = '' } = useParams();
  const canEdit = mayEditSchedules(useCurrentUser().role);
  const [generation, setGeneration] = useState(0);
  const refresh = () => setGeneration((n) => n + 1);
  const path = { params: { path: { id } } };
  const schedule = useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}', path)),
    [id, generation],
  );
  const timeZone = schedule.data?.timeZone;
  const from = useMemo(() => (timeZone ? startOfDay(new Date(), timeZone) : undefined), [timeZone, generation]);
  const timeline = useResource(
    async (client) => {
      if (!from) return undefined;
      const query = { from: from.toISOString(), to: new Date(from.getTime() + DAYS * 86_400_000).toISOString() };
      return unwrap(await client.GET('/api/v1/schedules/{id}/timeline', { params: { path: { id }, query } }));
    },
    [id, from],
  );
  const checks = useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/checks', path)),
    [id, generation],
  );
  const overrides = useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/overrides', path)).items,
    [id, generation],
  );
  const versions = useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/versions', path)).items,
    [id, generation],
  );
  const swaps = useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/schedules/{id}/swaps', { params: { path: { id }, query: { status: 'open' } } }))
        .items,
    [id, generation],
  );
  const feeds = useResource(async (client) => unwrap(await client.GET('/api/v1/calendars')).items, [generation]);
  const users = useResource(async (client) => unwrap(await client.GET('/api/v1/users')).items);

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
