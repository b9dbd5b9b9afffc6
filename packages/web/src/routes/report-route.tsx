/** /app/incidents/report: anyone signed in reports a problem with a service; its engineer on call is paged. */
import { useNavigate } from 'react-router-dom';
import { ReportForm } from '../features/response/report-form';
import { useServices } from '../features/services/services.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function ReportRoute() {
  const navigate = useNavigate();
  const services = useServices();
  return (
    <div className="page">
      <PageHeader
        title="Report a problem"
        summary="Something looks broken and you are not on call: tell the engineer on call. You follow the incident and can add notes."
      />
      <ErrorMessage error={services.error} title="The services could not be loaded:" />
      {!services.data && !services.error && <Loading what="services" />}
      {services.data && (
        <ReportForm
          services={services.data}
          onReported={(incident) => void navigate(`/app/incidents/${incident.id}`)}
        />
      )}
    </div>
  );
}
