/** The services an incident impacts besides the one that pages (which always stays one of them). */
import { useState } from 'react';
import type { IncidentResponse } from './response.types';
import type { Service } from '../services/services.types';
import { ErrorMessage } from '../../ui/feedback';
import { setImpactedServices } from './response.api';
import { ServiceChecks } from './service-checks';
import { useResponseAction } from './use-response-action';

interface ImpactedServicesControlProps {
  incidentId: string;
  pagingServiceId: string;
  response: IncidentResponse;
  services: readonly Service[];
  canAct: boolean;
  onChanged: () => void;
}

export function ImpactedServicesControl(props: ImpactedServicesControlProps) {
  const { incidentId, pagingServiceId, response, services, canAct, onChanged } = props;
  const [isEditing, setEditing] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const action = useResponseAction(() => {
    setEditing(false);
    onChanged();
  });
  const others = (ids: readonly string[]) => ids.filter((id) => id !== pagingServiceId);

  return (
    <div className="field">
      <span className="label">Impacted services</span>
      <p data-testid="impacted-services">
        {response.impactedServices.map((service) => service.name).join(', ')}
        {canAct && !isEditing && (
          <>
            {' '}
            <button
              type="button"
              className="button small"
              onClick={() => {
                setSelected(others(response.impactedServices.map((s) => s.id)));
                setEditing(true);
              }}
            >
              Change
            </button>
          </>
        )}
      </p>
      {isEditing && (
        <div className="stack">
          <ServiceChecks
            legend="Also impacted"
            services={services.filter((service) => service.id !== pagingServiceId)}
            selected={selected}
            onChange={setSelected}
          />
          <ErrorMessage error={action.error} title="The impacted services did not change:" />
          <div className="form-actions">
            <button
              type="button"
              className="button primary"
              disabled={action.isBusy}
              onClick={() =>
                void action.act((client) => setImpactedServices(client, incidentId, [pagingServiceId, ...selected]))
              }
            >
              Save services
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
