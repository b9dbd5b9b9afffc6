/**
 * One SLA target (a severity's or an urgency's) as a small form: acknowledge
 * and resolve within a number of minutes or hours, each counted in wall time
 * or in the service's business hours; empty means no target. Each field says
 * what is wrong beside it before anything is sent; what the server refuses
 * is shown under the form. Read-only for people who are not admins.
 */
import { useState } from 'react';
import { useSession } from '../auth/session-context';
import { ErrorMessage, SuccessMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { updateSlaTarget, type SlaTarget } from './sla-targets.api';

const MAX_MINUTES = 525_600;

interface ClockDraft {
  amount: string;
  unit: 'minutes' | 'hours';
  isBusiness: boolean;
}

const toDraft = (minutes: number | null, isBusiness: boolean): ClockDraft =>
  minutes === null
    ? { amount: '', unit: 'minutes', isBusiness }
    : minutes % 60 === 0
      ? { amount: String(minutes / 60), unit: 'hours', isBusiness }
      : { amount: String(minutes), unit: 'minutes', isBusiness };

/** The minutes a draft says, null for no target, or the message to show beside the field. */
export function minutesOf(draft: ClockDraft): { minutes: number | null } | { error: string } {
  const text = draft.amount.trim();
  if (text === '') return { minutes: null };
  if (!/^\d+(\.\d+)?$/.test(text)) return { error: 'Give a number, or leave it empty for no target.' };
  const minutes = Number(text) * (draft.unit === 'hours' ? 60 : 1);
  if (!Number.isInteger(minutes)) return { error: 'Give whole minutes (e.g. 1.5 hours, not 1.25).' };
  if (minutes < 1) return { error: 'At least 1 minute.' };
  if (minutes > MAX_MINUTES) return { error: 'At most a year (525,600 minutes).' };
  return { minutes };
}

function ClockFields({
  id,
  label,
  draft,
  error,
  isEditable,
  onChange,
}: {
  id: string;
  label: string;
  draft: ClockDraft;
  error: string | undefined;
  isEditable: boolean;
  onChange: (draft: ClockDraft) => void;
}) {
  return (
    <fieldset className="target-clock">
      <legend>{label}</legend>
      <div className="target-clock-fields">
        <input
          id={`${id}-amount`}
          aria-label={`${label}: amount`}
          inputMode="decimal"
          value={draft.amount}
          placeholder="no target"
          disabled={!isEditable}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange({ ...draft, amount: e.target.value })}
        />
        <select
          aria-label={`${label}: unit`}
          value={draft.unit}
          disabled={!isEditable}
          onChange={(e) => onChange({ ...draft, unit: e.target.value as ClockDraft['unit'] })}
        >
          <option value="minutes">minutes</option>
          <option value="hours">hours</option>
        </select>
        <select
          aria-label={`${label}: counted in`}
          value={draft.isBusiness ? 'business' : 'wall'}
          disabled={!isEditable}
          onChange={(e) => onChange({ ...draft, isBusiness: e.target.value === 'business' })}
        >
          <option value="wall">wall time</option>
          <option value="business">business hours</option>
        </select>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function SlaTargetForm({
  target,
  title,
  isEditable,
  onSaved,
}: {
  target: SlaTarget;
  title: string;
  isEditable: boolean;
  onSaved: (target: SlaTarget) => void;
}) {
  const { client } = useSession();
  const id = `target-${target.key}`;
  const [ack, setAck] = useState(toDraft(target.ackMinutes, target.ackBusinessHours));
  const [resolve, setResolve] = useState(toDraft(target.resolveMinutes, target.resolveBusinessHours));
  const [errors, setErrors] = useState<{ ack?: string; resolve?: string }>({});
  const [isSaved, setSaved] = useState(false);
  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    setSaved(false);
    const ackMinutes = minutesOf(ack);
    const resolveMinutes = minutesOf(resolve);
    const found = {
      ...('error' in ackMinutes && { ack: ackMinutes.error }),
      ...('error' in resolveMinutes && { resolve: resolveMinutes.error }),
    };
    if (!('error' in ackMinutes) && !('error' in resolveMinutes)) {
      if (
        ackMinutes.minutes !== null &&
        resolveMinutes.minutes !== null &&
        resolveMinutes.minutes < ackMinutes.minutes
      ) {
        found.resolve = 'Resolving cannot be due before acknowledging: give at least the acknowledge time.';
      }
    }
    setErrors(found);
    if (found.ack || found.resolve || 'error' in ackMinutes || 'error' in resolveMinutes) return;
    const saved = await updateSlaTarget(client, target, {
      ackMinutes: ackMinutes.minutes,
      ackBusinessHours: ack.isBusiness,
      resolveMinutes: resolveMinutes.minutes,
      resolveBusinessHours: resolve.isBusiness,
    });
    setSaved(true);
    onSaved(saved);
  });
  return (
    <form className="panel target-form" aria-labelledby={`${id}-title`} onSubmit={onSubmit} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      <ClockFields
        id={`${id}-ack`}
        label="Acknowledge within"
        draft={ack}
        error={errors.ack}
        isEditable={isEditable}
        onChange={setAck}
      />
      <ClockFields
        id={`${id}-resolve`}
        label="Resolve within"
        draft={resolve}
        error={errors.resolve}
        isEditable={isEditable}
        onChange={setResolve}
      />
      {isEditable && (
        <button className="button primary" type="submit" disabled={isSubmitting}>
          Save {target.key}
        </button>
      )}
      <ErrorMessage error={error} title="The target was not saved:" />
      {isSaved && <SuccessMessage>Saved. Incidents opened from now on use it.</SuccessMessage>}
    </form>
  );
}
