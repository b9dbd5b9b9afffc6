/**
 * /app/analytics/targets: the organisation's SLA targets (docs/analytics.md):
 * one per severity for declared incidents, one per urgency for incidents
 * that were only paged. Everyone who reads analytics sees them; admins edit
 * them. A change applies to incidents opened afterwards.
 */
import { Link } from 'react-router-dom';
import '../styles/analytics.css';
import { SlaTargetForm } from '../features/analytics/sla-target-form';
import { useSlaTargets } from '../features/analytics/sla-targets.api';
import { useCurrentUser } from '../features/auth/session-context';
import { isAdmin } from '../features/users/roles';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

const TITLES: Record<string, string> = {
  S1: 'Severity S1',
  S2: 'Severity S2',
  S3: 'Severity S3',
  S4: 'Severity S4',
  high: 'High urgency (paged only)',
  low: 'Low urgency (paged only)',
};

export function AnalyticsTargetsRoute() {
  const targets = useSlaTargets();
  const canEdit = isAdmin(useCurrentUser().role);
  return (
    <div className="page targets-page">
      <PageHeader
        title="SLA targets"
        summary={
          canEdit
            ? 'How soon incidents must be acknowledged and resolved. Business hours are each service’s own; a change applies to incidents opened from now on.'
            : 'How soon incidents must be acknowledged and resolved. Only admins change them.'
        }
        actions={
          <Link className="button" to="/app/analytics">
            All analytics
          </Link>
        }
      />
      <ErrorMessage error={targets.error} title="The targets could not be loaded:" />
      {!targets.data && !targets.error && <Loading what="the targets" />}
      {targets.data && (
        <>
          <h2 className="targets-group">Declared incidents, by severity</h2>
          <div className="targets-grid">
            {targets.data
              .filter((t) => t.scope === 'severity')
              .map((t) => (
                <SlaTargetForm
                  key={t.key}
                  target={t}
                  title={TITLES[t.key]!}
                  isEditable={canEdit}
                  onSaved={() => undefined}
                />
              ))}
          </div>
          <h2 className="targets-group">Paged-only incidents, by urgency</h2>
          <div className="targets-grid">
            {targets.data
              .filter((t) => t.scope === 'urgency')
              .map((t) => (
                <SlaTargetForm
                  key={t.key}
                  target={t}
                  title={TITLES[t.key]!}
                  isEditable={canEdit}
                  onSaved={() => undefined}
                />
              ))}
          </div>
        </>
      )}
    </div>
  );
}
