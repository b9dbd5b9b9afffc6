/**
 * /app/oncall: my on-call shifts. The one that matters most first (on call
 * now and until when, or the next shift), then every shift in progress or to
 * come across schedules, on my clock with the schedule's beside it when they
 * differ, and the escalation policies that page me directly at all times.
 * ?weeks= keeps how far ahead it looks.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { useMyOnCall } from '../features/schedules/schedules.api';
import { ShiftTimes } from '../features/schedules/shift-list';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { Instant } from '../ui/instant';
import { formatRelative } from '../ui/relative-time';
import { PageHeader } from '../ui/page-header';
import '../styles/schedules.css';

const WEEK_CHOICES = [1, 2, 4, 8, 12];

export function MyOnCallRoute() {
  const me = useCurrentUser();
  const [search] = useSearchParams();
  const asked = Number(search.get('weeks'));
  const weeks = WEEK_CHOICES.includes(asked) ? asked : 4;
  const mine = useMyOnCall(weeks);
  const data = mine.data;
  const now = data?.current ?? [];

  return (
    <div className="page">
      <PageHeader
        title="My on-call shifts"
        summary={`Your shifts now and to come across every schedule, on your clock (${me.timeZone}).`}
      />
      <ErrorMessage error={mine.error} title="Your shifts could not be loaded:" />
      {mine.isLoading && !data && <Loading what="your shifts" />}
      {data && (
        <section className="panel next-shift" aria-labelledby="next-shift-heading" data-testid="next-shift">
          <h2 id="next-shift-heading">{now.length > 0 ? 'On call now' : 'Next shift'}</h2>
          {now.map((shift) => (
            <p key={`${shift.schedule.id}-${shift.start}`}>
              <strong>{shift.schedule.name}</strong>
              until <Instant iso={shift.end} /> <span className="muted">({formatRelative(shift.end, new Date())})</span>
            </p>
          ))}
          {now.length > 0 && data.next && (
            <p>
              Then next: <Link to={`/app/schedules/${data.next.schedule.id}`}>{data.next.schedule.name}</Link> from{' '}
              <Instant iso={data.next.start} />
            </p>
          )}
          {now.length === 0 && data.next && (
            <p>
              <strong>{data.next.schedule.name}</strong>
              from <Instant iso={data.next.start} /> to <Instant iso={data.next.end} />{' '}
              <span className="muted">({formatRelative(data.next.start, new Date())})</span>
            </p>
          )}
          {now.length === 0 && !data.next && (
            <p className="muted">
              No shifts until <Instant iso={data.to} precision="day" />.
            </p>
          )}
        </section>
      )}
      {data && (
        <section className="panel" aria-labelledby="my-shifts-heading">
          <h2 id="my-shifts-heading">All my shifts</h2>
          <nav className="range-bar" aria-label="How far ahead">
            <span className="muted">Next</span>
            {WEEK_CHOICES.map((n) => (
              <Link key={n} className="button small" to={`?weeks=${n}`} aria-current={n === weeks ? 'page' : undefined}>
                {n} {n === 1 ? 'week' : 'weeks'}
              </Link>
            ))}
          </nav>
          {data.shifts.length === 0 ? (
            <EmptyState title="No shifts">
              <p>
                No schedule puts you on call in the next {weeks} {weeks === 1 ? 'week' : 'weeks'}.{' '}
                <Link to="/app/schedules">See the schedules</Link>.
              </p>
            </EmptyState>
          ) : (
            <ul className="shift-list">
              {data.shifts.map((shift) => (
                <li key={`${shift.schedule.id}-${shift.start}`} data-testid="my-shift">
                  <span className="shift-who">
                    <Link to={`/app/schedules/${shift.schedule.id}`}>{shift.schedule.name}</Link>
                    {shift.isNow && <span className="badge"> now</span>}
                  </span>
                  <ShiftTimes
                    start={shift.start}
                    end={shift.end}
                    zone={me.timeZone}
                    otherZone={shift.schedule.timeZone}
                    otherLabel="schedule’s clock"
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {data && data.policies.length > 0 && (
        <section className="panel" aria-labelledby="my-policies-heading" data-testid="my-policies">
          <h2 id="my-policies-heading">Escalation policies that page me directly</h2>
          <p className="hint">These page you at any hour, not only during a shift.</p>
          <ul>
            {data.policies.map((p) => (
              <li key={p.policy.id}>
                <Link to="/app/escalation-policies">{p.policy.name}</Link>: level {p.levels.join(', ')}
                {p.via.type === 'team' && <span className="muted"> (through team {p.via.label})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
