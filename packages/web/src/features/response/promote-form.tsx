/** Declaring an incident that so far only pages: it gets a severity, a stage and an owner; its paging goes on. */
import { useState } from 'react';
import type { Severity, SeverityKey } from './response.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { DEFAULT_SEVERITY } from './declare-defaults';
import { promoteIncident } from './response.api';
import { SeverityPicker } from './severity-picker';

interface PromoteFormProps {
  incidentId: string;
  severities: readonly Severity[];
  onDeclared: () => void;
}

export function PromoteForm({ incidentId, severities, onDeclared }: PromoteFormProps) {
  const { client } = useSession();
  const [isOpen, setOpen] = useState(false);
  const [severity, setSeverity] = useState<SeverityKey>(DEFAULT_SEVERITY);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await promoteIncident(client, incidentId, { severity });
    onDeclared();
  });
  return (
    <section className="panel" aria-labelledby="promote-heading">
      <h2 id="promote-heading">Response</h2>
      <p className="muted">
        This incident only pages. Declare it to give it a severity, a stage and one owner; the paging goes on.
      </p>
      {!isOpen ? (
        <button type="button" className="button primary" onClick={() => setOpen(true)}>
          Declare…
        </button>
      ) : (
        <form className="stack" aria-label="Declare this incident" onSubmit={onSubmit}>
          <SeverityPicker
            idPrefix="promote"
            legend="Severity"
            severities={severities}
            value={severity}
            onChange={setSeverity}
          />
          <ErrorMessage error={error} title="The incident was not declared:" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={isSubmitting}>
              Declare as {severity}
            </button>
            <button type="button" className="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
