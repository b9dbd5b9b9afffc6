/** Seed 001's "is this an incident?" on the declare form: tick what holds, read the suggestion, use its severity. */
import { useState } from 'react';
import type { SeverityKey } from './response.types';
import { suggestTriage, TRIAGE_CRITERIA, TRIAGE_LABELS, type TriageCriterion } from './triage';

export function TriageHelper({ onUseSeverity }: { onUseSeverity: (severity: SeverityKey) => void }) {
  const [ticked, setTicked] = useState<TriageCriterion[]>([]);
  const suggestion = suggestTriage(ticked);

  function toggle(criterion: TriageCriterion, isChecked: boolean) {
    const next = isChecked ? [...ticked, criterion] : ticked.filter((c) => c !== criterion);
    setTicked(TRIAGE_CRITERIA.filter((c) => next.includes(c)));
  }

  return (
    <details className="triage span-2">
      <summary>Is this an incident? Check the criteria</summary>
      <fieldset className="field">
        <legend className="visually-hidden">What holds</legend>
        {TRIAGE_CRITERIA.map((criterion) => (
          <label key={criterion} className="check">
            <input
              type="checkbox"
              checked={ticked.includes(criterion)}
              onChange={(event) => toggle(criterion, event.target.checked)}
            />
            {TRIAGE_LABELS[criterion]}
          </label>
        ))}
      </fieldset>
      <div
        className={suggestion.isUrgent ? 'notice notice-error' : 'notice notice-info'}
        role="status"
        data-testid="triage-suggestion"
      >
        <strong>{suggestion.shouldDeclare ? `Declare: ${suggestion.severity}` : 'Not an incident yet'}.</strong>{' '}
        {suggestion.advice}{' '}
        {suggestion.severity && (
          <button
            type="button"
            className="button small"
            onClick={() => suggestion.severity && onUseSeverity(suggestion.severity)}
          >
            Use {suggestion.severity}
          </button>
        )}
      </div>
    </details>
  );
}
