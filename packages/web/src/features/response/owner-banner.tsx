/** Who owns a declared incident, prominently: the one person who may resolve it, through which role, since when. */
import type { IncidentResponse } from './response.types';
import { Instant } from '../../ui/instant';

export function OwnerBanner({ response, viewerId }: { response: IncidentResponse; viewerId: string }) {
  const owner = response.owner;
  const role = response.roles.find((holder) => holder.role.slug === response.ownerRole && !holder.endedAt);
  return (
    <section className="owner-banner" aria-label="Owner">
      <span className="muted">Owner</span>
      <strong data-testid="response-owner">
        {owner ? (owner.id === viewerId ? `${owner.name} (you)` : owner.name) : 'Nobody engaged yet'}
      </strong>
      {owner && (
        <span className="muted">
          {role ? `as ${role.role.name}` : ''}
          {response.ownerSince && (
            <>
              {' '}
              since <Instant iso={response.ownerSince} />
            </>
          )}
        </span>
      )}
      {response.nearMiss && <span className="badge">Near miss</span>}
    </section>
  );
}
