/** Who sees a declared incident and who follows it (ADR 18): its visibility, and its followers. */
import type { Incident } from '../incidents/incidents.types';
import { useCurrentUser } from '../auth/session-context';
import type { User } from '../users/users.types';
import { FollowersList } from './followers-list';
import type { IncidentResponse } from './response.types';
import { VisibilityControl } from './visibility-control';

interface PrivacyPanelProps {
  incident: Incident;
  response: IncidentResponse;
  users: readonly User[];
  onChanged: () => void;
}

export function PrivacyPanel(props: PrivacyPanelProps) {
  const user = useCurrentUser();
  const viewer = { id: user.id, role: user.role };
  return (
    <section className="panel privacy-panel" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Visibility and followers</h2>
      <VisibilityControl {...props} viewer={viewer} />
      <FollowersList {...props} viewer={viewer} incidentId={props.incident.id} />
    </section>
  );
}
