/**
 * On an incident's page: what the public is told about it. The CMOC (any
 * responder) publishes a page incident on a status page, choosing the
 * affected components and their status; the state starts from the
 * incident's stage. A private or security incident asks for the security
 * team's agreement first (seed 004). Page incidents already published are
 * listed with their updates, and updated (to resolved) here.
 */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { useIncidentResponse } from '../response/response.api';
import {
  publishPageIncident,
  useComponents,
  useDefinitions,
  useIncidentPageIncidents,
  useStatusPages,
} from './statuspages.api';
import type { ComponentStatus } from './statuspages.types';
import { PageIncidentList } from './page-incident-list';
import { TemplatePicker } from './template-picker';
import { useLiveReload } from '../live/live-provider';

export function IncidentStatusPagePanel({
  incident,
  canAct,
}: {
  incident: { id: string; title: string; isDeclared: boolean };
  canAct: boolean;
}) {
  const { client } = useSession();
  const response = useIncidentResponse(incident.id, incident.isDeclared);
  const needsConfirmation = response.data?.private === true || response.data?.category === 'security';
  const pages = useStatusPages();
  const definitions = useDefinitions();
  const published = useIncidentPageIncidents(incident.id);
  // What another responder publishes shows here without a reload (the live stream).
  useLiveReload(published.reload, { incidentId: incident.id, parts: ['updates'] });
  const [pageId, setPageId] = useState('');
  const chosen = pageId || pages.data?.[0]?.id;
  const components = useComponents(chosen);
  const [title, setTitle] = useState(incident.title);
  const [body, setBody] = useState('');
  const [affected, setAffected] = useState<string[]>([]);
  const [status, setStatus] = useState<ComponentStatus>('partial_service_disruption');
  const [confirmed, setConfirmed] = useState(false);

  const { error, isSubmitting, onSubmit } = useSubmit(async () => {
    if (!chosen) throw new Error('Choose a status page.');
    await publishPageIncident(client, chosen, {
      title: title.trim(),
      body: body.trim(),
      incident: incident.id,
      components: affected,
      ...(affected.length > 0 && { componentStatus: status }),
      ...(needsConfirmation && { confirmDisclosure: confirmed }),
    });
    setBody('');
    setAffected([]);
    published.reload();
  });

  const pageName = (id: string) => pages.data?.find((p) => p.id === id)?.name ?? 'a status page';
  return (
    <section className="panel stack" aria-labelledby="incident-status-page-heading">
      <h2 id="incident-status-page-heading">Status page</h2>
      <ErrorMessage error={pages.error ?? published.error} title="The status pages could not be loaded:" />
      <PageIncidentList
        incidents={published.data ?? []}
        definitions={definitions.data}
        canUpdate={canAct}
        pageName={pageName}
        onChanged={published.reload}
      />
      {canAct && pages.data && pages.data.length === 0 && (
        <p className="muted">There is no status page yet: an admin creates one under Status pages.</p>
      )}
      {canAct && pages.data && pages.data.length > 0 && (
        <details>
          <summary>Publish to a status page</summary>
          <form className="form-grid" onSubmit={onSubmit} aria-label="Publish to a status page">
            <ErrorMessage error={error} />
            <div className="field">
              <label htmlFor="publish-page">Status page</label>
              <select id="publish-page" value={chosen ?? ''} onChange={(event) => setPageId(event.target.value)}>
                {pages.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="span-2">
              <TemplatePicker
                pageId={chosen}
                idPrefix="publish"
                onPick={(t) => {
                  if (t.title) setTitle(t.title);
                  setBody(t.body);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor="publish-title">Title for the public</label>
              <input id="publish-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
            </div>
            <fieldset className="field span-2">
              <legend>Affected components</legend>
              {(components.data ?? []).map((component) => (
                <label key={component.id} className="check" htmlFor={`publish-component-${component.id}`}>
                  <input
                    id={`publish-component-${component.id}`}
                    type="checkbox"
                    checked={affected.includes(component.id)}
                    onChange={(event) =>
                      setAffected((now) =>
                        event.target.checked ? [...now, component.id] : now.filter((id) => id !== component.id),
                      )
                    }
                  />
                  {component.name}
                </label>
              ))}
              {components.data?.length === 0 && <p className="hint">This page has no components.</p>}
            </fieldset>
            {affected.length > 0 && (
              <div className="field">
                <label htmlFor="publish-status">Their status</label>
                <select
                  id="publish-status"
                  value={status}
                  onChange={(event) => setStatus(event.target.value as ComponentStatus)}
                  aria-describedby="publish-status-definition"
                >
                  {(definitions.data?.statuses ?? [])
                    .filter((s) => s.key !== 'operational' && (s.key !== 'security_issue' || needsConfirmation))
                    .map((s) => (
                      <option key={s.key} value={s.key}>
                        {s.label}
                      </option>
                    ))}
                </select>
                <p className="hint" id="publish-status-definition">
                  {definitions.data?.statuses.find((s) => s.key === status)?.definition}
                </p>
              </div>
            )}
            <div className="field span-2">
              <label htmlFor="publish-body">Message for the public</label>
              <textarea
                id="publish-body"
                required
                rows={3}
                value={body}
                onChange={(event) => setBody(event.target.value)}
              />
              <p className="hint">Markdown. The state starts from the incident&apos;s stage.</p>
            </div>
            {needsConfirmation && (
              <label className="check span-2" htmlFor="publish-confirm">
                <input
                  id="publish-confirm"
                  type="checkbox"
                  checked={confirmed}
                  onChange={(event) => setConfirmed(event.target.checked)}
                />
                This is a private or security incident: the security team agreed to publish it
              </label>
            )}
            <div className="form-actions span-2">
              <button type="submit" className="button primary" disabled={isSubmitting}>
                {isSubmitting ? 'Publishing…' : 'Publish'}
              </button>
            </div>
          </form>
        </details>
      )}
    </section>
  );
}
