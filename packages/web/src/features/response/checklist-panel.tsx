/**
 * Seed 003's start checklist, shown until every item is done. Items Tocsin
 * knows tick themselves; the others (channel, customers informed) a
 * responder ticks.
 */
import type { IncidentResponse } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { tickChecklistItem } from './response.api';
import { useResponseAction } from './use-response-action';

interface ChecklistPanelProps {
  incidentId: string;
  response: IncidentResponse;
  canAct: boolean;
  onChanged: () => void;
}

export function ChecklistPanel({ incidentId, response, canAct, onChanged }: ChecklistPanelProps) {
  const action = useResponseAction(onChanged);
  if (response.checklist.length === 0 || response.checklist.every((item) => item.done)) return null;
  return (
    <section className="panel" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Start checklist</h2>
      <ErrorMessage error={action.error} title="That did not work:" />
      <ul className="plain-list checklist">
        {response.checklist.map((item) => (
          <li key={item.key}>
            <label className="check">
              <input
                type="checkbox"
                checked={item.done}
                disabled={item.auto || !canAct || action.isBusy}
                onChange={(event) =>
                  void action.act((client) => tickChecklistItem(client, incidentId, item.key, event.target.checked))
                }
              />
              {item.label}
              {item.auto && <span className="tag">automatic</span>}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
