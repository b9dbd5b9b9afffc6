/**
 * Who follows a declared incident (issue #12): they hear every status update
 * quietly on their own contact methods, and for a private incident following
 * makes them a member. The viewer follows or unfollows; anyone who sees it
 * adds someone; responders (and each follower for themselves) remove one.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import type { Role, User } from '../users/users.types';
import { followIncident, unfollowIncident } from './privacy.api';
import type { IncidentResponse } from './response.types';
import { useResponseAction } from './use-response-action';

interface FollowersListProps {
  incidentId: string;
  response: IncidentResponse;
  users: readonly User[];
  viewer: { id: string; role: Role };
  onChanged: () => void;
}

const REASON_LABELS: Record<IncidentResponse['stakeholders'][number]['reason'], string> = {
  reporter: 'reported it',
  subscriber: 'follows',
};

const mayRemoveOthers = (role: Role) => role === 'owner' || role === 'admin' || role === 'responder';

export function FollowersList({ incidentId, response, users, viewer, onChanged }: FollowersListProps) {
  const action = useResponseAction(onChanged);
  const [userId, setUserId] = useState('');
  const followers = response.stakeholders;
  const isFollowing = followers.some((s) => s.user.id === viewer.id);
  const candidates = users.filter((u) => !u.isDisabled && !followers.some((s) => s.user.id === u.id));

  function add(event: FormEvent) {
    event.preventDefault();
    if (!userId) return;
    void action.act(async (client) => {
      await followIncident(client, incidentId, userId);
      setUserId('');
    });
  }

  return (
    <div className="followers" data-testid="followers">
      <div className="followers-head">
        <h3>Followers</h3>
        <button
          type="button"
          className={isFollowing ? 'button small' : 'button small primary'}
          disabled={action.isBusy}
          onClick={() =>
            void action.act((client) =>
              isFollowing ? unfollowIncident(client, incidentId) : followIncident(client, incidentId),
            )
          }
        >
          {isFollowing ? 'Unfollow' : 'Follow'}
        </button>
      </div>
      <p className="muted hint">
        Followers hear every status update on their own contact methods, never as a page
        {response.private ? ', and see this private incident' : ''}.
        {isFollowing && response.private ? ' Unfollowing may hide it from you.' : ''}
      </p>
      <ErrorMessage error={action.error} title="That did not work:" />
      {followers.length === 0 ? (
        <p className="muted">Nobody follows it yet.</p>
      ) : (
        <ul className="plain-list follower-list" aria-label="Followers">
          {followers.map((s) => (
            <li key={s.user.id} className="follower-item">
              <span>
                {s.user.name}
                {s.user.id === viewer.id && ' (you)'} <span className="muted">{REASON_LABELS[s.reason]}</span>
              </span>
              {(mayRemoveOthers(viewer.role) || s.user.id === viewer.id) && (
                <button
                  type="button"
                  className="button small"
                  disabled={action.isBusy}
                  aria-label={`Remove ${s.user.name} from the followers`}
                  onClick={() => void action.act((client) => unfollowIncident(client, incidentId, s.user.id))}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form className="inline-form" aria-label="Add a follower" onSubmit={add}>
          <div className="field">
            <label htmlFor="follower-user">Person to add</label>
            <select id="follower-user" value={userId} onChange={(event) => setUserId(event.target.value)}>
              <option value="">Choose someone…</option>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" disabled={action.isBusy || !userId}>
            Add follower
          </button>
        </form>
      )}
    </div>
  );
}
