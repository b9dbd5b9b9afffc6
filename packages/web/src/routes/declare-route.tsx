/** /app/incidents/declare: declare an incident (responders), one click from anywhere through the shell's button. */
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { canRespond } from '../features/incidents/incident-labels';
import { DeclareForm } from '../features/response/declare-form';
import { useCategories, useSeverities } from '../features/response/response.api';
import { useServices } from '../features/services/services.api';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function DeclareRoute() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const services = useServices();
  const severities = useSeverities();
  const categories = useCategories();

  return (
    <div className="page">
      <PageHeader
        title="Declare an incident"
        summary={
          <>
            A service and a title are enough for an S3 or S4: low severities are cheap. Not on call?{' '}
            <Link to="/app/incidents/report">Report a problem</Link> instead.
          </>
        }
      />
      {!canRespond(user.role) ? (
        <p className="notice notice-info">
          Declaring needs the responder role. <Link to="/app/incidents/report">Report a problem</Link>: the engineer on
          call is paged.
        </p>
      ) : (
        <>
          <ErrorMessage error={services.error ?? severities.error ?? categories.error} title="Could not load:" />
          {(!services.data || !severities.data) && <Loading what="services and severities" />}
          {services.data && severities.data && (
            <DeclareForm
              services={services.data}
              severities={severities.data}
              categories={categories.data ?? []}
              onDeclared={(incident) => void navigate(`/app/incidents/${incident.id}`)}
            />
          )}
        </>
      )}
    </div>
  );
}
