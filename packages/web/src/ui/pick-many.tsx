/**
 * Choosing several named things from a list that may be long (people,
 * services): a select that adds one at a time (the `id` is the select's, so
 * a <Field> labels it and marks it invalid) and the chosen ones beneath it,
 * each with a button that takes it off. Works with touch, mouse and
 * keyboard at any width, unlike a multiple select.
 */
interface PickManyProps {
  id: string;
  options: ReadonlyArray<{ id: string; name: string }>;
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  /** The select's first line, e.g. "Add a person…". */
  placeholder: string;
  /** What a chosen one's remove button says before its name, e.g. "Remove". */
  removeLabel?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function PickMany({
  id,
  options,
  chosen,
  onChange,
  placeholder,
  removeLabel = 'Remove',
  ...aria
}: PickManyProps) {
  const nameOf = (value: string) => options.find((o) => o.id === value)?.name ?? value;
  const left = options.filter((o) => !chosen.includes(o.id));
  return (
    <div className="pick-many">
      <select
        id={id}
        value=""
        disabled={left.length === 0}
        onChange={(event) => event.target.value && onChange([...chosen, event.target.value])}
        {...aria}
      >
        <option value="">
          {options.length === 0 ? 'None to choose' : left.length === 0 ? 'Every one is chosen' : placeholder}
        </option>
        {left.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
      {chosen.length > 0 && (
        <ul className="pick-many-chosen" aria-label="Chosen">
          {chosen.map((value) => (
            <li key={value} className="pick-many-item">
              <span>{nameOf(value)}</span>
              <button
                type="button"
                className="pick-many-remove"
                aria-label={`${removeLabel} ${nameOf(value)}`}
                onClick={() => onChange(chosen.filter((c) => c !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
