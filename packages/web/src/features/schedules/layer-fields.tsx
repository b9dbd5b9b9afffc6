/**
 * One layer of a schedule being edited: its name, participants in turn order
 * (add, move, remove), shift length and unit, hand-off time and start date.
 */
import type { User } from '../users/users.types';
import type { Layer, ShiftUnit } from './schedules.types';
import { Field, type FormState } from '../../ui/form';

const UNITS: readonly ShiftUnit[] = ['hours', 'days', 'weeks', 'minutes'];

interface LayerFieldsProps {
  index: number;
  layer: Layer;
  users: readonly User[];
  onChange: (layer: Layer) => void;
  onRemove?: () => void;
  /** The schedule's form, whose refusal this layer's fields show beside them. */
  form?: FormState;
}

export function LayerFields({ index, layer, users, onChange, onRemove, form }: LayerFieldsProps) {
  const id = (field: string) => `layer-${index}-${field}`;
  const nameOf = (userId: string) => users.find((user) => user.id === userId)?.name ?? userId;
  const set = (patch: Partial<Layer>) => onChange({ ...layer, ...patch });

  function move(from: number, to: number) {
    const participants = [...layer.participants];
    const [moved] = participants.splice(from, 1);
    participants.splice(to, 0, moved!);
    set({ participants });
  }

  return (
    <fieldset className="layer-fields" aria-label={`Layer ${index + 1}`}>
      <legend>Layer {index + 1}</legend>
      <div className="layer-grid">
        <Field id={id('name')} label="Layer name" form={form}>
          <input
            id={id('name')}
            required
            maxLength={100}
            value={layer.name}
            onChange={(event) => set({ name: event.target.value })}
          />
        </Field>
        <Field id={id('length')} label="Shift length" form={form}>
          <input
            id={id('length')}
            type="number"
            min={1}
            required
            value={layer.shift.length}
            onChange={(event) => set({ shift: { ...layer.shift, length: Number(event.target.value) } })}
          />
        </Field>
        <Field id={id('unit')} label="Unit" form={form}>
          <select
            id={id('unit')}
            value={layer.shift.unit}
            onChange={(event) => set({ shift: { ...layer.shift, unit: event.target.value as ShiftUnit } })}
          >
            {UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('handoff')} label="Hand-off time" form={form}>
          <input
            id={id('handoff')}
            type="time"
            required
            value={layer.handoffTime}
            onChange={(event) => set({ handoffTime: event.target.value })}
          />
        </Field>
        <Field id={id('start')} label="Start date" form={form}>
          <input
            id={id('start')}
            type="date"
            required
            value={layer.startDate}
            onChange={(event) => set({ startDate: event.target.value })}
          />
        </Field>
      </div>
      <h3 className="participants-heading">Participants, in turn order</h3>
      {layer.participants.length === 0 && <p className="muted">Nobody yet: add people below.</p>}
      <ol className="participants">
        {layer.participants.map((userId, position) => (
          <li key={`${userId}-${position}`}>
            <span>{nameOf(userId)}</span>
            <button
              type="button"
              className="button small"
              disabled={position === 0}
              aria-label={`Move ${nameOf(userId)} earlier`}
              onClick={() => move(position, position - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button small"
              disabled={position === layer.participants.length - 1}
              aria-label={`Move ${nameOf(userId)} later`}
              onClick={() => move(position, position + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="button small"
              aria-label={`Remove ${nameOf(userId)} from layer ${index + 1}`}
              onClick={() => set({ participants: layer.participants.filter((_, i) => i !== position) })}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <Field id={id('add')} label="Add a participant" form={form}>
        <select
          id={id('add')}
          value=""
          onChange={(event) => event.target.value && set({ participants: [...layer.participants, event.target.value] })}
        >
          <option value="">Choose a person…</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
      </Field>
      {onRemove && (
        <button type="button" className="button danger small" onClick={onRemove}>
          Remove layer {index + 1}
        </button>
      )}
    </fieldset>
  );
}
