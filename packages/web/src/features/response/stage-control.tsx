/**
 * The stage of a declared incident as buttons, the current one pressed.
 * Resolved and Closed are the owner's: others see who to ask, and if they try
 * anyway, the server's refusal (403 naming the owner).
 */
import type { IncidentResponse } from './response.types';
import type { Stage } from '../incidents/incidents.types';
import { ErrorMessage } from '../../ui/feedback';
import { STAGE_LABELS, STAGES } from '../incidents/incident-labels';
import { changeStage } from './response.api';
import { useResponseAction } from './use-response-action';

const OWNER_STAGES: readonly Stage[] = ['resolved', 'closed'];

interface StageControlProps {
  incidentId: string;
  response: IncidentResponse;
  viewerId: string;
  canAct: boolean;
  onChanged: () => void;
}

export function StageControl({ incidentId, response, viewerId, canAct, onChanged }: StageControlProps) {
  const action = useResponseAction(onChanged);
  const isOwner = response.owner?.id === viewerId;
  return (
    <div className="field">
      <span className="label" id="stage-label">
        Stage
      </span>
      <div className="segmented" role="group" aria-labelledby="stage-label">
        {STAGES.map((stage) => {
          const isCurrent = response.stage === stage;
          const isOwnerOnly = OWNER_STAGES.includes(stage) && !isOwner;
          return (
            <button
              key={stage}
              type="button"
              className={isCurrent ? 'button small current' : 'button small'}
              aria-pressed={isCurrent}
              disabled={!canAct || isCurrent || action.isBusy}
              title={isOwnerOnly ? `Only the owner (${response.owner?.name ?? 'nobody yet'}) can do this` : undefined}
              onClick={() => void action.act((client) => changeStage(client, incidentId, stage))}
            >
              {STAGE_LABELS[stage]}
            </button>
          );
        })}
      </div>
      {canAct && !isOwner && (
        <p className="hint">Only the owner ({response.owner?.name ?? 'nobody yet'}) resolves or closes it.</p>
      )}
      <ErrorMessage error={action.error} title="The stage did not change:" />
    </div>
  );
}
