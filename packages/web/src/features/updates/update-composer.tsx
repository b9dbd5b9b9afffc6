/**
 * Posting a status update: pick a stage's canned text (filled with the
 * incident's title, severity and service), edit it, optionally move the
 * stage with it, post. The server says who may resolve (403 naming the owner).
 */
import { useState, type FormEvent } from 'react';
import type { Stage } from '../incidents/incidents.types';
import { STAGE_LABELS, STAGES } from '../incidents/incident-labels';
import { useSession } from '../auth/session-context';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { draftStatusUpdate, postStatusUpdate } from './updates.api';
import type { UpdateTemplate } from './updates.types';

interface UpdateComposerProps {
  incidentId: string;
  stage: Stage;
  templates: readonly UpdateTemplate[];
  onPosted: () => void;
}

export function UpdateComposer({ incidentId, stage, templates, onPosted }: UpdateComposerProps) {
  const { client } = useSession();
  const [message, setMessage] = useState('');
  const [moveTo, setMoveTo] = useState<Stage | ''>('');
  const submit = useSubmit();

  const pickTemplate = (template: UpdateTemplate['stage']) =>
    void submit.run(async () => {
      setMessage((await draftStatusUpdate(client, incidentId, template)).message);
      if (template !== stage) setMoveTo(template);
    });

  const post = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      await postStatusUpdate(client, incidentId, { message, ...(moveTo && { stage: moveTo }) });
      setMessage('');
      setMoveTo('');
      onPosted();
    });
  };

  return (
    <form className="update-composer" onSubmit={post} aria-label="Post a status update">
      <div className="field">
        <span className="label" id="template-label">
          Start from a template
        </span>
        <div className="segmented" role="group" aria-labelledby="template-label">
          {templates.map((template) => (
            <button
              key={template.stage}
              type="button"
              className="button small"
              disabled={submit.isSubmitting}
              title={template.body}
              onClick={() => pickTemplate(template.stage)}
            >
              {STAGE_LABELS[template.stage]}
            </button>
          ))}
        </div>
      </div>
      <div className="field">
        <label htmlFor="update-message">Update</label>
        <textarea
          id="update-message"
          rows={3}
          maxLength={4000}
          required
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="update-stage">Move the stage to</label>
        <select id="update-stage" value={moveTo} onChange={(event) => setMoveTo(event.target.value as Stage | '')}>
          <option value="">Keep {STAGE_LABELS[stage]}</option>
          {STAGES.filter((s) => s !== stage).map((s) => (
            <option key={s} value={s}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage error={submit.error} title="The update was not posted:" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submit.isSubmitting || !message.trim()}>
          {submit.isSubmitting ? 'Posting…' : 'Post update'}
        </button>
      </div>
    </form>
  );
}
