/**
 * Edits one level of a policy: how long to wait for an acknowledgement, and
 * who is notified, picked by name: choosing one adds it at once (a separate
 * Add button let people pick, press Save, and be refused for an empty level).
 */
import { useState } from 'react';
import { Field, type FormState } from '../../ui/form';
import { TARGET_TYPE_LABELS, TARGET_TYPES, type TargetOptions, type TargetType } from './target-options';

export interface LevelDraft {
  delayMinutes: string;
  targets: Array<{ type: TargetType; id: string }>;
}

interface LevelEditorProps {
  index: number;
  idPrefix: string;
  level: LevelDraft;
  options: TargetOptions;
  onChange: (level: LevelDraft) => void;
  onRemove?: () => void;
  /** The policy's form, whose refusal this level's fields show beside them. */
  form?: FormState;
}

export function LevelEditor({ index, idPrefix, level, options, onChange, onRemove, form }: LevelEditorProps) {
  const [type, setType] = useState<TargetType>('user');
  const prefix = `${idPrefix}-level-${index}`;
  const labelOf = (target: { type: TargetType; id: string }) =>
    options[target.type].find((option) => option.id === target.id)?.label ?? target.id;
  const choices = options[type].filter(
    (option) => !level.targets.some((target) => target.type === type && target.id === option.id),
  );

  function addTarget(targetId: string) {
    if (!targetId) return;
    onChange({ ...level, targets: [...level.targets, { type, id: targetId }] });
  }

  return (
    <fieldset className="level-editor" data-testid="level-editor">
      <legend>Level {index + 1}</legend>
      {level.targets.length === 0 ? (
        <p className="muted">Nobody yet: add at least one target.</p>
      ) : (
        <ul className="target-list">
          {level.targets.map((target, targetIndex) => (
            <li key={`${target.type}-${target.id}`}>
              <span className="tag">{TARGET_TYPE_LABELS[target.type]}</span> {labelOf(target)}{' '}
              <button
                type="button"
                className="button small"
                aria-label={`Remove ${labelOf(target)} from level ${index + 1}`}
                onClick={() => onChange({ ...level, targets: level.targets.filter((_, i) => i !== targetIndex) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="inline-fields">
        <div className="field">
          <label htmlFor={`${prefix}-type`}>Notify a</label>
          <select id={`${prefix}-type`} value={type} onChange={(event) => setType(event.target.value as TargetType)}>
            {TARGET_TYPES.map((option) => (
              <option key={option} value={option}>
                {TARGET_TYPE_LABELS[option]}
              </option>
            ))}
          </select>
        </div>
        {/* Always back on "Choose…": picking one adds it to the list above. */}
        <Field id={`${prefix}-target`} label="Which" form={form}>
          <select id={`${prefix}-target`} value="" onChange={(event) => addTarget(event.target.value)}>
            <option value="">{choices.length === 0 ? 'None left to add' : 'Choose… (adds it)'}</option>
            {choices.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="inline-fields">
        <Field id={`${prefix}-delay`} label="Minutes to acknowledge before the next level" form={form}>
          <input
            id={`${prefix}-delay`}
            type="number"
            required
            min={1}
            max={1440}
            value={level.delayMinutes}
            onChange={(event) => onChange({ ...level, delayMinutes: event.target.value })}
          />
        </Field>
        {onRemove && (
          <button type="button" className="button" onClick={onRemove}>
            Remove level {index + 1}
          </button>
        )}
      </div>
    </fieldset>
  );
}
