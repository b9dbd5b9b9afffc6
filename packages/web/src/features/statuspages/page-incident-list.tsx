/** Page incidents, newest first, each with its updates and (for responders) a form to post the next. */
import type { Definitions, PageIncident } from './statuspages.types';
import { PageUpdateForm } from './page-update-form';

export function PageIncidentList({
  incidents,
  definitions,
  canUpdate,
  pageName,
  onChanged,
}: {
  incidents: readonly PageIncident[];
  definitions: Definitions | undefined;
  canUpdate: boolean;
  pageName?: (pageId: string) => string;
  onChanged: () => void;
}) {
  const stateLabel = (key: string) => definitions?.states.find((s) => s.key === key)?.label ?? key;
  if (incidents.length === 0) return <p className="muted">No page incidents yet.</p>;
  return (
    <ul className="plain-list stack">
      {incidents.map((incident) => (
        <li key={incident.id} className="panel">
          <h3>
            {incident.title} <span className="badge">{stateLabel(incident.state)}</span>
          </h3>
          {pageName && <p className="muted">On {pageName(incident.pageId)}</p>}
          {incident.components.length > 0 && (
            <p className="muted">Affects {incident.components.map((c) => c.name).join(', ')}</p>
          )}
          <ol className="plain-list">
            {incident.updates.map((update) => (
              <li key={update.id}>
                <strong>{stateLabel(update.state)}</strong> · {new Date(update.createdAt).toLocaleString()} ·{' '}
                {update.createdBy}
                <p>{update.body}</p>
              </li>
            ))}
          </ol>
          {canUpdate && incident.state !== 'resolved' && definitions && (
            <details>
              <summary>Post an update</summary>
              <PageUpdateForm incident={incident} definitions={definitions} onPosted={onChanged} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
