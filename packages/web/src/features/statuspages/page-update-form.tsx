/**
 * Posting an update on a page incident or a scheduled maintenance: its new
 * state (with seed 004's definitions, or the maintenance states) and a
 * message for the public.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { postPageUpdate } from './statuspages.api';
import type { Definitions, PageIncident, PageIncidentState } from './statuspages.types';
import { DefinedPicker } from './status-picker';
import { TemplatePicker } from './template-picker';

export function PageUpdateForm({
  incident,
  definitions,
  onPosted,
}: {
  incident: PageIncident;
  definitions: Definitions;
  onPosted: () => void;
}) {
  const { client } = useSession();
  const [state, setState] = useState<PageIncidentState>(incident.state);
  const [body, setBody] = useState('');
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    await postPageUpdate(client, incident.pageId, incident.id, { state, body: body.trim() });
    setBody('');
    onPosted();
  });
  const idPrefix = `page-update-${incident.id}`;
  const isMaintenance = incident.kind === 'maintenance';
  return (
    <form className="stack" onSubmit={onSubmit} aria-label={`Update ${incident.title}`}>
      <ErrorMessage error={error} />
      <DefinedPicker
        idPrefix={idPrefix}
        legend="State"
        options={isMaintenance ? definitions.maintenanceStates : definitions.states}
        value={state}
        onChange={setState}
      />
      <TemplatePicker pageId={incident.pageId} idPrefix={idPrefix} fillsTitle={false} onPick={(t) => setBody(t.body)} />
      <div className="field">
        <label htmlFor={`${idPrefix}-body`}>Message for the public</label>
        <textarea
          id={`${idPrefix}-body`}
          required
          rows={3}
          value={body}
          onChange={(event) => setBody(event.target.value)}
        />
        <p className="hint">
          {isMaintenance
            ? 'Markdown. Completed ends it now and puts its components back; it also ends by itself at the end of its window.'
            : 'Markdown. Resolved puts its components back to Operational.'}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Posting…' : 'Post page update'}
        </button>
      </div>
    </form>
  );
}
