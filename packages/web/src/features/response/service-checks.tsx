/** A set of services as checkboxes: the impacted services of an incident. */
import type { Service } from '../services/services.types';

interface ServiceChecksProps {
  legend: string;
  services: readonly Service[];
  selected: readonly string[];
  onChange: (serviceIds: string[]) => void;
}

export function ServiceChecks({ legend, services, selected, onChange }: ServiceChecksProps) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {services.length === 0 && <p className="hint">No other services.</p>}
      <div className="check-row">
        {services.map((service) => (
          <label key={service.id} className="check">
            <input
              type="checkbox"
              checked={selected.includes(service.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...selected, service.id] : selected.filter((id) => id !== service.id))
              }
            />
            {service.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
