/** The severity of a declared incident, and changing it with a reason (kept in its history); each severity's meaning is shown. */
import { useState, type FormEvent } from 'react';
import type { IncidentResponse, Severity, SeverityKey } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { changeSeverity } from './response.api';
import { SeverityPicker } from './severity-picker';
import { useResponseAction } from './use-response-action';

interface SeverityControlProps {
  incidentId: string;
  response: IncidentResponse;
  severities: readonly Severity[];
  canAct: boolean;
  onChanged: () => void;
}

export function SeverityControl({ incidentId, response, severities, canAct, onChanged }: SeverityControlProps) {
  const [isEditing, setEditing] = useState(false);
  const [severity, setSeverity] = useState<SeverityKey>(response.severity);
  const [reason, setReason] = useState('');
  const action = useResponseAction(() => {
    setEditing(false);
    setReason('');
    onChanged();
  });
  const current = severities.find((s) => s.key === response.severity);

  function submit(event: FormEvent) {
    event.preventDefault();
    void action.act((client) => changeSeverity(client, incidentId, severity, reason.trim()));
  }

  return (
    <div className="field">
      <span className="label">Severity</span>
      <p className="severity-now">
        <span className={`badge severity-${response.severity.toLowerCase()}`} data-testid="response-severity">
          {response.severity}
        </span>{' '}
        {current?.name}
        {canAct && !isEditing && (
          <button
            type="button"
            className="button small"
            onClick={() => {
              setSeverity(response.severity);
              setEditing(true);
            }}
          >
            Change severity
          </button>
        )}
      </p>
      {isEditing && (
        <form className="stack" aria-label="Change severity" onSubmit={submit}>
          <SeverityPicker
            idPrefix="change"
            legend="New severity"
            severities={severities}
            value={severity}
            onChange={setSeverity}
          />
          <div className="field">
            <label htmlFor="severity-reason">Why</label>
            <input
              id="severity-reason"
              required
              maxLength={2000}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <ErrorMessage error={action.error} title="The severity did not change:" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={action.isBusy || severity === response.severity}>
              Save severity
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
