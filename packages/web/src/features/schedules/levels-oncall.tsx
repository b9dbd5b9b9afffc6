/**
 * Who is on call now at each level of an escalation policy: every target
 * resolved to the people it would page (a schedule to whoever is on call and
 * until when, a team to its members), or why it pages nobody. Shown on the
 * escalation policies screen and on a service (through its policy).
 */
import { Link } from 'react-router-dom';
import { TARGET_TYPE_LABELS } from '../escalation/target-options';
import { ErrorMessage, Loading } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useLevelsOnCall } from './schedules.api';

type Scope = { service: string } | { policy: string };

export function LevelsOnCall({ scope, title = 'On call now' }: { scope: Scope; title?: string | null }) {
  const answer = useLevelsOnCall(scope);
  const levels = answer.data?.levels ?? [];
  return (
    <section className="oncall-levels" aria-label={title ?? 'On call now'} data-testid="levels-oncall">
      {title && <h3>{title}</h3>}
      <ErrorMessage error={answer.error} title="Who is on call could not be loaded:" />
      {answer.isLoading && !answer.data && <Loading what="who is on call" />}
      {answer.data && (
        <ul className="levels-oncall">
          {levels.map((level) => (
            <li key={level.level} data-testid="level-oncall">
              <strong>Level {level.level}:</strong>{' '}
              {level.targets.map((target, index) => (
                <span key={`${target.type}-${target.id}`} data-testid="target-oncall">
                  {index > 0 && '; '}
                  {target.type !== 'user' && (
                    <>
                      <span className="tag">{TARGET_TYPE_LABELS[target.type]}</span>{' '}
                      {target.type === 'schedule' ? (
                        <Link to={`/app/schedules/${target.id}`}>{target.label}</Link>
                      ) : (
                        target.label
                      )}
                      {' → '}
                    </>
                  )}
                  {target.users.length === 0 ? (
                    <span className="muted">nobody{target.note ? ` (${target.note})` : ''}</span>
                  ) : (
                    target.users.map((user, userIndex) => (
                      <span key={user.id}>
                        {userIndex > 0 && ', '}
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
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      {answer.data?.notes.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
    </section>
  );
}
