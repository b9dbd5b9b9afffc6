/**
 * Who holds which role of a declared incident, since when, and whether they
 * were only asked or have engaged; the owner marked. Responders take a role,
 * engage one (a named person, or whoever is on call for it), hand off a role
 * they hold, and answer pending hand-offs. Past holders fold away.
 */
import type { IncidentResponse, ResponseRole, RoleHolder } from './response.types';
import type { User } from '../users/users.types';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { engageRole, takeRole } from './response.api';
import { EngageForm, HandoffForm } from './role-forms';
import { HandoffList } from './handoff-list';
import { useResponseAction } from './use-response-action';

interface RolesPanelProps {
  incidentId: string;
  response: IncidentResponse;
  roles: readonly ResponseRole[];
  users: readonly User[];
  viewerId: string;
  canAct: boolean;
  onChanged: () => void;
}

export function RolesPanel(props: RolesPanelProps) {
  const { incidentId, response, roles, users, viewerId, canAct, onChanged } = props;
  const action = useResponseAction(onChanged);
  const current = response.roles.filter((holder) => !holder.endedAt);
  const past = response.roles.filter((holder) => holder.endedAt);
  const mine = current.filter((holder) => holder.user.id === viewerId);

  return (
    <section className="panel" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <ErrorMessage error={action.error} title="That did not work:" />
      <ul className="plain-list role-list" data-testid="roles">
        {roles.map((role) => {
          const holder = current.find((h) => h.role.slug === role.slug);
          return (
            <li key={role.slug} className="role-item" data-testid={`role-${role.slug}`}>
              <div>
                <strong>{role.name}</strong>
                {role.alias && <span className="muted"> · {role.alias}</span>}
                {response.ownerRole === role.slug && <span className="badge owner-badge">owner</span>}
              </div>
              <div>{holder ? <HolderFacts holder={holder} /> : <span className="muted">Not engaged</span>}</div>
              {canAct && (
                <div className="row-actions">
                  {holder?.user.id !== viewerId && (
                    <button
                      type="button"
                      className="button small"
                      disabled={action.isBusy}
                      aria-label={`Take ${role.name}`}
                      onClick={() => void action.act((client) => takeRole(client, incidentId, role.slug))}
                    >
                      Take
                    </button>
                  )}
                  {!holder && isOnCallKnown(role) && (
                    <button
                      type="button"
                      className="button small"
                      disabled={action.isBusy}
                      aria-label={`Page the on-call ${role.name}`}
                      onClick={() =>
                        void action.act((client) => engageRole(client, incidentId, { role: role.slug, page: true }))
                      }
                    >
                      Page on-call
                    </button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <HandoffList incidentId={incidentId} response={response} viewerId={viewerId} onChanged={onChanged} />
      {canAct && (
        <div className="role-forms">
          {mine.length > 0 && (
            <HandoffForm incidentId={incidentId} mine={mine} users={users} viewerId={viewerId} onChanged={onChanged} />
          )}
          <EngageForm incidentId={incidentId} roles={roles} users={users} onChanged={onChanged} />
        </div>
      )}
      {past.length > 0 && (
        <details>
          <summary>Past holders ({past.length})</summary>
          <ul className="plain-list">
            {past.map((holder) => (
              <li key={`${holder.role.slug}-${holder.user.id}-${holder.engagedAt}`}>
                {holder.role.name}: {holder.user.name}, <Instant iso={holder.engagedAt} /> to{' '}
                <Instant iso={holder.endedAt} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Whether Tocsin can find who is on call for a role: its schedule, or for the EOC the service's escalation policy. */
function isOnCallKnown(role: ResponseRole): boolean {
  return role.schedule !== null || role.slug === 'eoc';
}

const HOW: Record<RoleHolder['how'], string> = {
  engaged: 'engaged',
  took: 'took it',
  handoff: 'by hand-off',
  declared: 'declared it',
};

function HolderFacts({ holder }: { holder: RoleHolder }) {
  return (
    <span data-testid="role-holder">
      {holder.user.name}{' '}
      <span className="muted">
        ({HOW[holder.how]}) since <Instant iso={holder.engagedAt} />
      </span>{' '}
      {holder.acceptedAt ? (
        <span className="tag">engaged</span>
      ) : (
        <span className="tag" title="Asked, not yet taken up">
          asked
        </span>
      )}
      {holder.paged && <span className="tag">paged</span>}
    </span>
  );
}
