/** /app/services/:id: one service: its policy, its integration keys with the URLs to paste, and its maintenance windows. */
import { unwrap } from '@tocsin/sdk';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../api/use-resource';
import { useCurrentUser } from '../features/auth/session-context';
import { IntegrationKeysPanel } from '../features/services/integration-keys-panel';
import { MaintenancePanel } from '../features/services/maintenance-panel';
import { ServicePaging } from '../features/services/service-table';
import { isAdmin } from '../features/users/roles';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function ServiceRoute() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const canManage = isAdmin(user.role);
  const service = useResource(async (client) => unwrap(await client.GET('/api/v1/services/{id}', { params: { path: { id } } })), [id]);
  const keys = useResource(
    async (client) => unwrap(await client.GET('/api/v1/services/{id}/integration-keys', { params: { path: { id } } })).items,
    [id],
  );
  const windows = useResource(
    async (client) => unwrap(await client.GET('/api/v1/services/{id}/maintenance-windows', { params: { path: { id } } })).items,
    [id],
  );

  const data = service.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/services">← Services</Link>
      </p>
      <PageHeader title={data?.name ?? 'Service'} summary={data?.description || undefined} />
      <ErrorMessage error={service.error} title="The service could not be loaded:" />
      {service.isLoading && !data && <Loading what="the service" />}
      {data && (
        <div className="stack">
          <section className="panel" aria-label="Summary">
            <dl className="facts">
              <div>
                <dt>Slug</dt>
                <dd>
                  <code className="slug">{data.slug}</code>
                </dd>
              </div>
              <div>
                <dt>Escalation policy</dt>
                <dd data-testid="service-policy">{data.escalationPolicy.name}</dd>
              </div>
              <div>
                <dt>Team</dt>
                <dd>{data.team?.name ?? '—'}</dd>
              </div>
              <div>
                <dt>Time zone</dt>
                <dd>{data.timeZone}</dd>
              </div>
              <div>
                <dt>Paging</dt>
                <dd>
                  <ServicePaging service={data} />
                </dd>
              </div>
            </dl>
          </section>
          <ErrorMessage error={keys.error} title="The integration keys could not be loaded:" />
          {keys.data && <IntegrationKeysPanel serviceId={data.id} keys={keys.data} canManage={canManage} onChanged={keys.reload} />}
          <ErrorMessage error={windows.error} title="The maintenance windows could not be loaded:" />
          {windows.data && (
            <MaintenancePanel
              serviceId={data.id}
              windows={windows.data}
              canManage={canManage}
              onChanged={() => {
                windows.reload();
                service.reload();
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
