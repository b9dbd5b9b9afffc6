/**
 * An admin edits one severity: its name and description (shown wherever a
 * severity is chosen), whether it engages the IMOC at once, its timers (the
 * status update cadence and the detailed status's review among them), and
 * the declaration steps ticked by default.
 */
import { useState } from 'react';
import type { Severity } from './response.types';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { MinutesField, minutesOf, textOf } from './minutes-field';
import { updateSeverity } from './response.api';

export function SeveritySettingsForm({ severity, onSaved }: { severity: Severity; onSaved: () => void }) {
  const { client } = useSession();
  const id = (field: string) => `severity-${severity.key}-${field}`;
  const [name, setName] = useState(severity.name);
  const [description, setDescription] = useState(severity.description);
  const [engagesImoc, setEngagesImoc] = useState(severity.engagesImoc);
  const [investigating, setInvestigating] = useState(textOf(severity.investigatingMinutes));
  const [unacknowledged, setUnacknowledged] = useState(textOf(severity.unacknowledgedMinutes));
  const [troubleshoot, setTroubleshoot] = useState(textOf(severity.troubleshootMinutes));
  const [cadence, setCadence] = useState(textOf(severity.updateMinutes));
  const [review, setReview] = useState(textOf(severity.detailedStatusReviewMinutes));
  const [pageImoc, setPageImoc] = useState(Boolean(severity.defaultSteps.pageImoc));
  const [pageCmoc, setPageCmoc] = useState(Boolean(severity.defaultSteps.pageCmoc));
  const [isSaved, setSaved] = useState(false);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    await updateSeverity(client, severity.key, {
      name: name.trim(),
      description,
      engagesImoc,
      investigatingMinutes: minutesOf(investigating),
      unacknowledgedMinutes: minutesOf(unacknowledged),
      troubleshootMinutes: minutesOf(troubleshoot),
      updateMinutes: minutesOf(cadence),
      detailedStatusReviewMinutes: minutesOf(review),
      defaultSteps: { pageImoc, pageCmoc },
    });
    setSaved(true);
    onSaved();
  });

  return (
    <form className="panel form-grid" onSubmit={onSubmit} aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>
        {severity.key} · {severity.name}
      </h2>
      <ErrorMessage error={error} title="Not saved:" />
      {isSaved && <SuccessMessage>Saved.</SuccessMessage>}
      <div className="field">
        <label htmlFor={id('name')}>Name</label>
        <input id={id('name')} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field span-2">
        <label htmlFor={id('description')}>What it means</label>
        <textarea
          id={id('description')}
          rows={2}
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <MinutesField
        id={id('investigating')}
        label="Investigating engages the IMOC after (minutes)"
        hint="Counted from when the EOC engaged. Empty: never."
        value={investigating}
        onChange={setInvestigating}
      />
      <MinutesField
        id={id('unacknowledged')}
        label="Unacknowledged paging engages the IMOC after (minutes)"
        hint="Empty: never."
        value={unacknowledged}
        onChange={setUnacknowledged}
      />
      <MinutesField
        id={id('troubleshoot')}
        label="Remind the owner to call for backup after (minutes)"
        hint="Empty: never."
        value={troubleshoot}
        onChange={setTroubleshoot}
      />
      <MinutesField
        id={id('cadence')}
        label="Post a status update every (minutes)"
        hint="The CMOC (or the owner) is reminded when one is late. Empty: no cadence."
        value={cadence}
        onChange={setCadence}
      />
      <MinutesField
        id={id('review')}
        label="Review the detailed status every (minutes)"
        hint="The owner is reminded when the live document's detailed status has not been saved this long. Empty: never."
        value={review}
        onChange={setReview}
      />
      <fieldset className="field">
        <legend>On declaration</legend>
        <label className="check">
          <input type="checkbox" checked={engagesImoc} onChange={(e) => setEngagesImoc(e.target.checked)} />
          Engages the IMOC at once (also when raised to it)
        </label>
        <label className="check">
          <input type="checkbox" checked={pageImoc} onChange={(e) => setPageImoc(e.target.checked)} />
          "Page IMOC" ticked by default
        </label>
        <label className="check">
          <input type="checkbox" checked={pageCmoc} onChange={(e) => setPageCmoc(e.target.checked)} />
          "Page CMOC" ticked by default
        </label>
      </fieldset>
      <div className="form-actions span-2">
        <button type="submit" className="button primary" disabled={isSubmitting}>
          Save {severity.key}
        </button>
      </div>
    </form>
  );
}
