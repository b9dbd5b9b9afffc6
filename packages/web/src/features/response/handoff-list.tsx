/** Pending hand-offs of an incident: the person asked accepts or declines, the one who asked may cancel. */
import type { HandoffAnswer, IncidentResponse } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { answerHandoff } from './response.api';
import { useResponseAction } from './use-response-action';

interface HandoffListProps {
  incidentId: string;
  response: IncidentResponse;
  viewerId: string;
  onChanged: () => void;
}

const ANSWER_LABELS: Record<HandoffAnswer, string> = { accept: 'Accept', decline: 'Decline', cancel: 'Cancel' };

export function HandoffList({ incidentId, response, viewerId, onChanged }: HandoffListProps) {
  const action = useResponseAction(onChanged);
  const pending = response.handoffs.filter((handoff) => handoff.state === 'pending');
  if (pending.length === 0) return null;
  return (
    <div className="handoffs" data-testid="handoffs">
      <h3>Hand-offs waiting</h3>
      <ErrorMessage error={action.error} title="That did not work:" />
      <ul className="plain-list">
        {pending.map((handoff) => {
          const answers: HandoffAnswer[] =
            handoff.to.id === viewerId ? ['accept', 'decline'] : handoff.from.id === viewerId ? ['cancel'] : [];
          return (
            <li key={handoff.id} className="handoff-item">
              <span>
                {handoff.from.name} asks <strong>{handoff.to.name}</strong> to take {handoff.role.name}
                {handoff.note && <span className="muted">: “{handoff.note}”</span>}
              </span>
              <span className="row-actions">
                {answers.map((answer) => (
                  <button
                    key={answer}
                    type="button"
                    className={answer === 'accept' ? 'button small primary' : 'button small'}
                    disabled={action.isBusy}
                    onClick={() => void action.act((client) => answerHandoff(client, incidentId, handoff.id, answer))}
                  >
                    {ANSWER_LABELS[answer]} hand-off
                  </button>
                ))}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
