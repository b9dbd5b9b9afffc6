/** A fieldset of checkboxes over an ordered set of values: the selection comes back in that order. */
export interface CheckGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

export function CheckGroup<T extends string>({ legend, options, labels, selected, onChange }: CheckGroupProps<T>) {
  function toggle(value: T, isChecked: boolean) {
    const next = isChecked ? [...selected, value] : selected.filter((s) => s !== value);
    onChange(options.filter((o) => next.includes(o)));
  }
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <div className="check-row">
        {options.map((value) => (
          <label key={value} className="check">
            <input
              type="checkbox"
              checked={selected.includes(value)}
              onChange={(event) => toggle(value, event.target.checked)}
            />
            {labels[value]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
