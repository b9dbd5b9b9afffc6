/** Choosing a component status (or a page incident's state) with seed 004's definition of each, shown where it is chosen. */
interface Option<K extends string> {
  key: K;
  label: string;
  definition: string;
}

interface DefinedPickerProps<K extends string> {
  idPrefix: string;
  legend: string;
  options: readonly Option<K>[];
  value: K;
  onChange: (value: K) => void;
}

export function DefinedPicker<K extends string>({ idPrefix, legend, options, value, onChange }: DefinedPickerProps<K>) {
  return (
    <fieldset className="field severity-picker">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.key} className="severity-option" htmlFor={`${idPrefix}-${option.key}`}>
          <input
            id={`${idPrefix}-${option.key}`}
            type="radio"
            name={`${idPrefix}-choice`}
            value={option.key}
            checked={value === option.key}
            onChange={() => onChange(option.key)}
          />
          <span>
            <strong>{option.label}</strong>
            <span className="hint">{option.definition}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export const STATUS_TONE: Record<string, string> = {
  operational: 'status-ok',
  degraded_performance: 'status-minor',
  partial_service_disruption: 'status-major',
  service_disruption: 'status-critical',
  security_issue: 'status-security',
  under_maintenance: 'status-maintenance',
};
