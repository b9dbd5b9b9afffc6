/**
 * A declared incident's status updates (issue #12): when the next is due,
 * the composer for responders, and every update posted, newest first, with
 * where it went.
 */
import { STAGE_LABELS } from '../incidents/incident-labels';
import type { Stage } from '../incidents/incidents.types';
import { EmptyState, ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useLiveReload } from '../live/live-provider';
import { NextUpdateDue } from './next-update-due';
import { UpdateComposer } from './update-composer';
import { useStatusUpdates, useUpdateTemplates } from './updates.api';

const AUDIENCE_LABELS: Record<string, string> = { internal: 'stakeholders', channel: 'announce channel' };

interface StatusUpdatesPanelProps {
  incidentId: string;
  stage: Stage;
  nextUpdateDueAt: string | null;
  canAct: boolean;
  onChanged: () => void;
}

export function StatusUpdatesPanel({ incidentId, stage, nextUpdateDueAt, canAct, onChanged }: StatusUpdatesPanelProps) {
  const updates = useStatusUpdates(incidentId, true);
  useLiveReload(updates.reload, { incidentId, parts: ['updates'] });
  const templates = useUpdateTemplates();
  const posted = () => {
    updates.reload();
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="updates-heading">
      <h2 id="updates-heading">Status updates</h2>
      <NextUpdateDue dueAt={nextUpdateDueAt} />
      {canAct && (
        <UpdateComposer incidentId={incidentId} stage={stage} templates={templates.data ?? []} onPosted={posted} />
      )}
      <ErrorMessage error={updates.error ?? templates.error} title="The updates could not be loaded:" />
      {updates.data?.length === 0 && <EmptyState title="No updates posted yet" />}
      <ol className="plain-list update-list">
        {(updates.data ?? []).map((update) => (
          <li key={update.id}>
            <p className="muted">
              <Instant iso={update.postedAt} /> · {update.postedBy} ·{' '}
              <span className="tag">{STAGE_LABELS[update.stage]}</span> to{' '}
              {update.audience.map((a) => AUDIENCE_LABELS[a] ?? a).join(', ')}
            </p>
            <p className="update-message">{update.message}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
