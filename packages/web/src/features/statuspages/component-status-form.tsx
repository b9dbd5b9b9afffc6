/** A component's status, changed by a responder with seed 004's definitions in view; Security Issue asks for the security team's word. */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { setComponentStatus } from './statuspages.api';
import type { Component, ComponentStatus, Definitions } from './statuspages.types';
import { DefinedPicker } from './status-picker';

export function ComponentStatusForm({
  pageId,
  component,
  definitions,
  onChanged,
}: {
  pageId: string;
  component: Component;
  definitions: Definitions;
  onChanged: () => void;
}) {
  const { client } = useSession();
  const [status, setStatus] = useState<ComponentStatus>(component.status);
  const [confirmed, setConfirmed] = useState(false);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await setComponentStatus(client, pageId, component.id, {
      status,
      ...(status === 'security_issue' && { confirmDisclosure: confirmed }),
    });
    onChanged();
  });
  const idPrefix = `status-${component.id}`;
  return (
    <form className="stack" onSubmit={onSubmit} aria-label={`Status of ${component.name}`}>
      <ErrorMessage error={error} />
      <DefinedPicker
        idPrefix={idPrefix}
        legend={`Status of ${component.name}`}
        options={definitions.statuses}
        value={status}
        onChange={setStatus}
      />
      {status === 'security_issue' && (
        <label className="check" htmlFor={`${idPrefix}-confirm`}>
          <input
            id={`${idPrefix}-confirm`}
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
          />
          The security team has asked to publish this vulnerability
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={isSubmitting || status === component.status}>
          {isSubmitting ? 'Saving…' : 'Set status'}
        </button>
      </div>
    </form>
  );
}
