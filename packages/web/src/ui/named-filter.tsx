/** One of a list's filters over named things (a service, a team): every one, or one, chosen by id. */
interface NamedFilterProps {
  id: string;
  label: string;
  /** The first option, meaning "no filter": "All services". */
  allLabel: string;
  options: ReadonlyArray<{ id: string; name: string }>;
  value: string;
  onChange: (id: string) => void;
}

export function NamedFilter({ id, label, allLabel, options, value, onChange }: NamedFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
