/** /app/services: every service with its policy and paging state; admins create services. */
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { useEscalationPolicies } from '../features/escalation/escalation.api';
import { CreateServiceForm } from '../features/services/create-service-form';
import { ServiceTable } from '../features/services/service-table';
import { useServices } from '../features/services/services.api';
import { isAdmin } from '../features/users/roles';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function ServicesRoute() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const canManage = isAdmin(user.role);
  const services = useServices();
  const policies = useEscalationPolicies(canManage);

  return (
    <div className="page">
      <PageHeader
        title="Services"
        summary="The things that can break. Alerts arrive through a service's integration keys and page its escalation policy."
      />
      {canManage && (
        <CreateServiceForm
          policies={policies.data ?? []}
          onCreated={(service) => void navigate(`/app/services/${service.id}`)}
        />
      )}
      <ErrorMessage error={services.error} title="The services could not be loaded:" />
      <ErrorMessage error={policies.error} title="The escalation policies could not be loaded:" />
      {services.isLoading && !services.data && <Loading what="services" />}
      {services.data?.length === 0 && (
        <EmptyState title="No services yet">
          <p>{canManage ? 'Create the first service above.' : 'An admin can create services.'}</p>
        </EmptyState>
      )}
      {services.data && services.data.length > 0 && (
        <div className="panel flush">
          <ServiceTable services={services.data} />
        </div>
      )}
    </div>
  );
}
