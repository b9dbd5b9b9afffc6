/**
 * /app/status-pages/:id: one status page. Its components with their status
 * (responders change it, seed 004's definitions in view), its page incidents
 * with their updates, its scheduled maintenances (responders announce
 * them), admins add components and manage subscribers and chat
 * announcements and the page's templates; a component following signals says so and shows a
 * person's override; and a preview of the public page as served.
 */
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../features/auth/session-context';
import { canRespond } from '../features/incidents/incident-labels';
import { AddComponentForm } from '../features/statuspages/add-component-form';
import { ComponentStatusForm } from '../features/statuspages/component-status-form';
import { MaintenanceList, ScheduleMaintenanceForm } from '../features/statuspages/maintenance-panel';
import { PageIncidentList } from '../features/statuspages/page-incident-list';
import { SignalNote } from '../features/statuspages/signal-note';
import {
  useComponents,
  useDefinitions,
  useGroups,
  useMaintenances,
  usePageIncidents,
  useStatusPage,
} from '../features/statuspages/statuspages.api';
import { STATUS_TONE } from '../features/statuspages/status-picker';
import { SubscribersPanel } from '../features/statuspages/subscribers-panel';
import { TemplatesPanel } from '../features/statuspages/templates-panel';
import { isAdmin } from '../features/users/roles';
import { ErrorMessage, Loading } from '../ui/feedback';
import { PageHeader } from '../ui/page-header';
import '../styles/statuspages.css';

export function StatusPageRoute() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const page = useStatusPage(id);
  const pageId = page.data?.id;
  const components = useComponents(pageId);
  const groups = useGroups(id);
  const incidents = usePageIncidents(id);
  const maintenances = useMaintenances(id);
  const definitions = useDefinitions();
  const canAct = canRespond(user.role);
  const label = (status: string) => definitions.data?.statuses.find((s) => s.key === status)?.label ?? status;
  const changed = () => {
    components.reload();
    groups.reload();
    incidents.reload();
    maintenances.reload();
    // The preview reloads with the page's new render.
    const frame = document.getElementById('status-page-preview') as HTMLIFrameElement | null;
    frame?.contentWindow?.location.reload();
  };
  const data = page.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/app/status-pages">← Status pages</Link>
      </p>
      <PageHeader title={data ? data.name : 'Status page'} />
      <ErrorMessage error={page.error} title="The status page could not be loaded:" />
      {page.isLoading && !data && <Loading what="the status page" />}
      {data && (
        <div className="stack">
          <p>
            Public address:{' '}
            <a href={`${data.path}/`} target="_blank" rel="noreferrer">
              {data.path}/
            </a>
            {data.hostName && <> and https://{data.hostName}/</>}
            {data.secretLinkKey && (
              <>
                {' '}
                · secret link: <code>{`${data.path}/?key=${data.secretLinkKey}`}</code>
              </>
            )}
          </p>
          <section className="panel stack" aria-labelledby="components-heading">
            <h2 id="components-heading">Components</h2>
            <ErrorMessage error={components.error} />
            {components.data?.length === 0 && <p className="muted">No components yet.</p>}
            <ul className="plain-list stack">
              {(components.data ?? []).map((component) => (
                <li key={component.id} className="component-row">
                  <div className="component-head">
                    <strong>{component.name}</strong>
                    {component.groupId && (
                      <span className="muted">
                        {' '}
                        in {groups.data?.find((g) => g.id === component.groupId)?.name ?? 'a group'}
                      </span>
                    )}
                    <span className={`component-status ${STATUS_TONE[component.status] ?? ''}`}>
                      {label(component.status)}
                    </span>
                  </div>
                  <SignalNote
                    pageId={data.id}
                    component={component}
                    label={label}
                    canAct={canAct}
                    onChanged={changed}
                  />
                  {canAct && definitions.data && (
                    <details>
                      <summary>Change status</summary>
                      <ComponentStatusForm
                        key={`${component.id}-${component.status}`}
                        pageId={data.id}
                        component={component}
                        definitions={definitions.data}
                        onChanged={changed}
                      />
                    </details>
                  )}
                </li>
              ))}
            </ul>
          </section>
          {isAdmin(user.role) && <AddComponentForm pageId={data.id} groups={groups.data ?? []} onAdded={changed} />}
          <section className="stack" aria-labelledby="page-incidents-heading">
            <h2 id="page-incidents-heading">Page incidents</h2>
            <p className="muted">Publish one from an incident&apos;s page (its Status page panel).</p>
            <ErrorMessage error={incidents.error} />
            <PageIncidentList
              incidents={incidents.data ?? []}
              definitions={definitions.data}
              canUpdate={canAct}
              onChanged={changed}
            />
          </section>
          {isAdmin(user.role) && <TemplatesPanel pageId={data.id} />}
          {isAdmin(user.role) && (
            <SubscribersPanel
              pageId={data.id}
              isPublic={data.visibility === 'public'}
              // Until the components have loaded, a subscriber's component is not yet known to be removed.
              componentName={(cid) =>
                components.data ? (components.data.find((c) => c.id === cid)?.name ?? 'a removed component') : '…'
              }
            />
          )}
          <section className="stack" aria-labelledby="maintenance-heading">
            <h2 id="maintenance-heading">Scheduled maintenance</h2>
            <ErrorMessage error={maintenances.error} />
            <MaintenanceList
              maintenances={maintenances.data ?? []}
              definitions={definitions.data}
              canUpdate={canAct}
              onChanged={changed}
            />
          </section>
          {canAct && (
            <ScheduleMaintenanceForm pageId={data.id} components={components.data ?? []} onScheduled={changed} />
          )}
          <section className="panel stack" aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview</h2>
            <iframe
              id="status-page-preview"
              className="status-preview"
              title={`Preview of ${data.name}`}
              src={`${data.path}/${data.secretLinkKey ? `?key=${data.secretLinkKey}` : ''}`}
            />
          </section>
        </div>
      )}
    </div>
  );
}
