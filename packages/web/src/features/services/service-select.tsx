/** Choosing one service from a list (required): the service an incident is declared or reported for. */
import type { Service } from './services.types';

interface ServiceSelectProps {
  id: string;
  services: readonly Service[];
  value: string;
  onChange: (serviceId: string) => void;
}

export function ServiceSelect({ id, services, value, onChange }: ServiceSelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Service</label>
      <select id={id} required value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Choose the service…</option>
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
      </select>
    </div>
  );
}
