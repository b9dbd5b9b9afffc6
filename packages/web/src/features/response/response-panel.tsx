/** A declared incident's response at the top of its page: the owner, then severity, stage, category and impacted services. */
import type { Category, IncidentResponse, Severity } from './response.types';
import type { Service } from '../services/services.types';
import { CategoryControl } from './category-control';
import { ImpactedServicesControl } from './impacted-services-control';
import { OwnerBanner } from './owner-banner';
import { SeverityControl } from './severity-control';
import { StageControl } from './stage-control';

interface ResponsePanelProps {
  incidentId: string;
  pagingServiceId: string;
  response: IncidentResponse;
  severities: readonly Severity[];
  categories: readonly Category[];
  services: readonly Service[];
  viewerId: string;
  canAct: boolean;
  onChanged: () => void;
}

export function ResponsePanel(props: ResponsePanelProps) {
  const { incidentId, response, viewerId, canAct, onChanged } = props;
  const shared = { incidentId, response, canAct, onChanged };
  return (
    <section className="panel response-panel" aria-label="Response">
      <OwnerBanner response={response} viewerId={viewerId} />
      <div className="response-grid">
        <SeverityControl {...shared} severities={props.severities} />
        <StageControl {...shared} viewerId={viewerId} />
        <CategoryControl {...shared} categories={props.categories} />
        <ImpactedServicesControl {...shared} pagingServiceId={props.pagingServiceId} services={props.services} />
      </div>
    </section>
  );
}
