/**
 * /app/services/:id: one service: its policy and who it would page now, when it pages (business hours,
 * urgency rules), its integration keys with the URLs to paste, and its
 * maintenance windows. Admins edit and delete it (a service that has had
 * incidents cannot be deleted: the server says so, and to disable it).
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCurrentUser, useSession } from '../features/auth/session-context';
import { useChannels } from '../features/channels/channels.api';
import { IntegrationKeysPanel } from '../features/services/integration-keys-panel';
import { MaintenancePanel } from '../features/services/maintenance-panel';
import { ServiceForm } from '../features/services/service-form';
import { ServiceSettings } from '../features/services/service-settings';
import { ServicePaging } from '../features/services/service-table';
import {
  deleteService,
  useIntegrationKeys,
  useMaintenanceWindows,
  useService,
  useServiceEditChoices,
} from '../features/services/services.api';
import { LevelsOnCall } from '../features/schedules/levels-oncall';
import { isAdmin } from '../features/users/roles';
import { ConfirmButton } from '../ui/confirm-button';
import { ErrorMessage, Loading, SuccessMessage } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';

export function ServiceRoute() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const { client } = useSession();
  const navigate = useNavigate();
  const canManage = isAdmin(user.role);
  const [isEditing, setEditing] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const service = useService(id);
  const keys = useIntegrationKeys(id);
  const windows = useMaintenanceWindows(id);
  const channels = useChannels();
  // What the edit form offers: only admins edit, so only they load the choices.
  const choices = useServiceEditChoices(canManage);

  const data = service.data;
  const actions = canManage && data && !isEditing && (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setSaved(false);
          setEditing(true);
        }}
      >
        Edit service
      </button>
      <ConfirmButton
        label="Delete service"
        confirmLabel={`Yes, delete ${data.name}`}
        warning="Its integration keys and maintenance windows go too."
        onConfirm={async () => {
          await deleteService(client, data.id);
          void navigate('/app/services');
        }}
      />
    </>
  );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/services">← Services</Link>
      </p>
      <PageHeader
        title={data?.name ?? 'Service'}
        summary={data?.description || undefined}
        actions={actions || undefined}
      />
      <ErrorMessage error={service.error} title="The service could not be loaded:" />
      {service.isLoading && !data && <Loading what="the service" />}
      {isSaved && <SuccessMessage>The service is saved.</SuccessMessage>}
      {data && isEditing && (
        <>
          <ErrorMessage error={choices.error} title="The escalation policies and teams could not be loaded:" />
          {choices.data && (
            <ServiceForm
              service={data}
              policies={choices.data.policies}
              teams={choices.data.teams}
              channels={channels.data ?? []}
              onSaved={() => {
                setEditing(false);
                setSaved(true);
                service.reload();
              }}
              onCancel={() => setEditing(false)}
            />
          )}
        </>
      )}
      {data && !isEditing && (
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
          <section className="panel" aria-labelledby="service-oncall-heading">
            <h2 id="service-oncall-heading">Who is on call now</h2>
            <p className="hint">Who each level of {data.escalationPolicy.name} would page now.</p>
            <LevelsOnCall scope={{ service: data.id }} title={null} />
          </section>
          <ServiceSettings service={data} channels={channels.data} />
          <ErrorMessage error={keys.error} title="The integration keys could not be loaded:" />
          {keys.data && (
            <IntegrationKeysPanel serviceId={data.id} keys={keys.data} canManage={canManage} onChanged={keys.reload} />
          )}
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
