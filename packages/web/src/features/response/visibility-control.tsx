/**
 * Whether a declared incident is private (ADR 18), said plainly, and for its
 * owner or an admin the switch: making it private first says who will stop
 * seeing it (everyone signed in who is no member), making it public who will
 * start. The server decides; this only spares people a dead end.
 */
import { useState } from 'react';
import type { Incident } from '../incidents/incidents.types';
import { PrivateBadge } from '../incidents/response-badges';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { isAdmin } from '../users/roles';
import type { Role, User } from '../users/users.types';
import { setIncidentPrivate, useSecurityTeam } from './privacy.api';
import type { IncidentResponse } from './response.types';

interface VisibilityControlProps {
  incident: Incident;
  response: IncidentResponse;
  users: readonly User[];
  viewer: { id: string; role: Role };
  onChanged: () => void;
}

/** The people who see it now and would not once it is private: not admins, not members, not the security team. */
export function peopleLosingSight(
  users: readonly User[],
  incident: Pick<Incident, 'assignees'>,
  response: Pick<IncidentResponse, 'roles' | 'stakeholders' | 'declaredBy'>,
  securityTeamIds: ReadonlySet<string>,
): User[] {
  const members = new Set([
    ...response.roles.map((holder) => holder.user.id),
    ...response.stakeholders.map((s) => s.user.id),
    ...incident.assignees.map((a) => a.id),
  ]);
  return users.filter(
    (user) =>
      !user.isDisabled &&
      !isAdmin(user.role) &&
      !members.has(user.id) &&
      !securityTeamIds.has(user.id) &&
      user.name !== response.declaredBy,
  );
}

const names = (people: readonly User[], max = 5): string =>
  people.length <= max
    ? people.map((p) => p.name).join(', ')
    : `${people
        .slice(0, max)
        .map((p) => p.name)
        .join(', ')} and ${people.length - max} more`;

export function VisibilityControl({ incident, response, users, viewer, onChanged }: VisibilityControlProps) {
  const { client } = useSession();
  const admin = isAdmin(viewer.role);
  const mayChange = admin || response.owner?.id === viewer.id;
  const [isConfirming, setConfirming] = useState(false);
  // Only admins may read the security team; others are told its members keep seeing it.
  const security = useSecurityTeam(admin);
  const team = security.data?.team;
  const securityIds = new Set(team?.members.map((m) => m.userId) ?? []);
  const change = useSubmit(async () => {
    await setIncidentPrivate(client, incident.id, !response.private);
    setConfirming(false);
    onChanged();
  });
  const losing = peopleLosingSight(users, incident, response, securityIds);

  return (
    <div className="visibility" data-testid="visibility">
      {response.private ? (
        <p className="visibility-line">
          <PrivateBadge />{' '}
          <span>
            Only its members see it: the people in its roles, its followers, whoever is paged for it, the security team,
            owners and admins. To everyone else it does not exist.
          </span>
        </p>
      ) : (
        <p className="visibility-line muted">Everyone signed in sees this incident.</p>
      )}
      <ErrorMessage error={change.error} title="That did not work:" />
      {mayChange && !isConfirming && (
        <button type="button" className="button small" onClick={() => setConfirming(true)}>
          {response.private ? 'Make public…' : 'Make private…'}
        </button>
      )}
      {isConfirming && (
        <div className="notice notice-info confirm-visibility" role="alertdialog" aria-label="Confirm visibility">
          {response.private ? (
            <p>Everyone signed in will see it from now on: its timeline, document and updates.</p>
          ) : (
            <p>
              {losing.length === 0
                ? 'Nobody who sees it now will stop seeing it.'
                : `${losing.length === 1 ? '1 person' : `${losing.length} people`} will stop seeing it${admin ? '' : ' unless they are on the security team'}: ${names(losing)}.`}{' '}
              Its role holders, followers, whoever is paged for it, the security team
              {team ? ` (${team.name})` : ''}, owners and admins keep seeing it. What was already sent stays sent.
            </p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className={response.private ? 'button primary' : 'button danger'}
              disabled={change.isSubmitting}
              onClick={() => void change.run()}
            >
              {response.private ? 'Yes, make it public' : 'Yes, make it private'}
            </button>
            <button
              type="button"
              className="button"
              disabled={change.isSubmitting}
              onClick={() => setConfirming(false)}
            >
              Keep it {response.private ? 'private' : 'public'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
