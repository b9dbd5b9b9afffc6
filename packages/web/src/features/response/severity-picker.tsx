/** Choosing a severity with the organisation's own words for each: its name and what it means, shown where it is chosen. */
import type { Severity, SeverityKey } from './response.types';

interface SeverityPickerProps {
  idPrefix: string;
  legend: string;
  severities: readonly Severity[];
  value: SeverityKey;
  onChange: (severity: SeverityKey) => void;
}

export function SeverityPicker({ idPrefix, legend, severities, value, onChange }: SeverityPickerProps) {
  return (
    <fieldset className="field severity-picker">
      <legend>{legend}</legend>
      {severities.map((severity) => (
        <label key={severity.key} className="severity-option" htmlFor={`${idPrefix}-${severity.key}`}>
          <input
            id={`${idPrefix}-${severity.key}`}
            type="radio"
            name={`${idPrefix}-severity`}
            value={severity.key}
            checked={value === severity.key}
            onChange={() => onChange(severity.key)}
          />
          <span>
            <strong>
              {severity.key} · {severity.name}
            </strong>
            {severity.description && <span className="hint">{severity.description}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
