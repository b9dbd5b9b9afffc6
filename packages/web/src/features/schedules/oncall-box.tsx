/** "Who is on call": every schedule with the people on call now and until when (the on-call API). */
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useOnCall } from './schedules.api';

export function OnCallBox({ refreshKey }: { refreshKey?: unknown }) {
  const answer = useOnCall(refreshKey);
  return (
    <section className="panel oncall-box" aria-labelledby="oncall-heading" data-testid="oncall-box">
      <h2 id="oncall-heading">Who is on call</h2>
      <ErrorMessage error={answer.error} title="Who is on call could not be loaded:" />
      {answer.isLoading && !answer.data && <Loading what="who is on call" />}
      {answer.data?.items.length === 0 && <p className="muted">No schedules yet.</p>}
      <ul className="oncall-list">
        {answer.data?.items.map((item) => (
          <li key={item.schedule.id}>
            <Link to={`/app/schedules/${item.schedule.id}`}>{item.schedule.name}</Link>:{' '}
            {item.users.length === 0 ? (
              <strong className="nobody">nobody</strong>
            ) : (
              item.users.map((user, index) => (
                <span key={user.id}>
                  {index > 0 && ', '}
                  <strong>{user.name}</strong>
                  {user.until && (
                    <span className="muted">
                      {' '}
                      until <Instant iso={user.until} />
                    </span>
                  )}
                </span>
              ))
            )}
          </li>
        ))}
      </ul>
      {answer.data && answer.data.notes.length > 0 && (
        <ul className="hint">
          {answer.data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
