/** "Service" in a list's filters: every service, or one. */
import type { Service } from '../../api/paging-types';

interface ServiceFilterProps {
  id: string;
  services: readonly Service[];
  value: string;
  onChange: (serviceId: string) => void;
}

export function ServiceFilter({ id, services, value, onChange }: ServiceFilterProps) {
  return (
    <div className="field">
      <label htmlFor={id}>Service</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">All services</option>
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
      </select>
    </div>
  );
}
