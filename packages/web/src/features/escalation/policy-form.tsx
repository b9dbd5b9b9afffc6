/** Admins create or edit an escalation policy: its name, its levels (wait, then notify), and how many times it repeats. */
import { useState } from 'react';
import type { EscalationPolicy } from './escalation.types';
import { Field, FormError, useForm } from '../../ui/form';
import { useSession } from '../auth/session-context';
import { LevelEditor, type LevelDraft } from './level-editor';
import type { TargetOptions } from './target-options';
import { createEscalationPolicy, updateEscalationPolicy } from './escalation.api';

interface PolicyFormProps {
  /** Absent when creating. */
  policy?: EscalationPolicy;
  options: TargetOptions;
  onSaved: (policy: EscalationPolicy) => void;
  onCancel?: () => void;
}

const EMPTY_LEVEL: LevelDraft = { delayMinutes: '15', targets: [] };

export function PolicyForm({ policy, options, onSaved, onCancel }: PolicyFormProps) {
  const { client } = useSession();
  const [name, setName] = useState(policy?.name ?? '');
  const [repeatCount, setRepeatCount] = useState(String(policy?.repeatCount ?? 0));
  const [levels, setLevels] = useState<LevelDraft[]>(
    policy?.levels.map((level) => ({
      delayMinutes: String(level.delayMinutes),
      targets: level.targets.map(({ type, id }) => ({ type, id })),
    })) ?? [EMPTY_LEVEL],
  );
  const idPrefix = policy ? `policy-${policy.id}` : 'new-policy';

  const form = useForm(
    async () => {
      const body = {
        name: name.trim(),
        repeatCount: Number(repeatCount),
        levels: levels.map((level) => ({ delayMinutes: Number(level.delayMinutes), targets: level.targets })),
      };
      const saved = policy
        ? await updateEscalationPolicy(client, policy.id, body)
        : await createEscalationPolicy(client, body);
      if (!policy) {
        setName('');
        setRepeatCount('0');
        setLevels([EMPTY_LEVEL]);
      }
      onSaved(saved);
    },
    {
      [`${idPrefix}-name`]: 'body.name',
      [`${idPrefix}-repeat`]: 'body.repeatCount',
      [`${idPrefix}-level-{index}-target`]: 'body.levels.*.targets',
      [`${idPrefix}-level-{index}-delay`]: 'body.levels.*.delayMinutes',
    },
  );
  const { isSubmitting, onSubmit } = form;

  const headingId = `${idPrefix}-heading`;
  return (
    <form className="panel" onSubmit={onSubmit} aria-labelledby={headingId}>
      <h2 id={headingId}>{policy ? `Edit ${policy.name}` : 'Create an escalation policy'}</h2>
      <FormError form={form} />
      <div className="inline-fields">
        <Field id={`${idPrefix}-name`} label="Name" form={form}>
          <input
            id={`${idPrefix}-name`}
            required
            maxLength={200}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field id={`${idPrefix}-repeat`} label="Repeat after the last level (times)" form={form}>
          <input
            id={`${idPrefix}-repeat`}
            type="number"
            required
            min={0}
            max={9}
            value={repeatCount}
            onChange={(event) => setRepeatCount(event.target.value)}
          />
        </Field>
      </div>
      {levels.map((level, index) => (
        <LevelEditor
          key={index}
          index={index}
          idPrefix={idPrefix}
          level={level}
          options={options}
          form={form}
          onChange={(changed) => setLevels(levels.map((existing, i) => (i === index ? changed : existing)))}
          onRemove={levels.length > 1 ? () => setLevels(levels.filter((_, i) => i !== index)) : undefined}
        />
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={levels.length >= 20}
          onClick={() => setLevels([...levels, EMPTY_LEVEL])}
        >
          Add a level
        </button>
        <button type="submit" className="button primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : policy ? 'Save policy' : 'Create policy'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
