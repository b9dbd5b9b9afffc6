/**
 * The response part of an incident's page (ADR 17): for a declared incident
 * the owner, severity, stage, category and impacted services, who sees it
 * (private or not) and who follows it, the status
 * updates with when the next is due, the start checklist, the live state document, the roles with their hand-offs, the severity history and the
 * linked incidents; for one only paged, the way to declare it.
 */
import { useNavigate } from 'react-router-dom';
import { DocumentPanel } from '../features/documents/document-panel';
import { useIncidentDocument } from '../features/documents/documents.api';
import type { Incident } from '../features/incidents/incidents.types';
import { useLiveReload } from '../features/live/live-provider';
import { ChecklistPanel } from '../features/response/checklist-panel';
import { LinksPanel } from '../features/response/links-panel';
import { PrivacyPanel } from '../features/response/privacy-panel';
import { PromoteForm } from '../features/response/promote-form';
import { ResponsePanel } from '../features/response/response-panel';
import { useCategories, useIncidentResponse, useIncidentRoles, useSeverities } from '../features/response/response.api';
import { RolesPanel } from '../features/response/roles-panel';
import { SeverityHistory } from '../features/response/severity-history';
import { useServices } from '../features/services/services.api';
import { StatusUpdatesPanel } from '../features/updates/status-updates-panel';
import type { User } from '../features/users/users.types';
import { ErrorMessage } from '../ui/feedback';
import { Fold } from '../ui/fold';
import '../styles/documents.css';

interface IncidentResponseSectionProps {
  incident: Incident;
  users: readonly User[];
  viewerId: string;
  canAct: boolean;
  /** The incident and its timeline change with every response change. */
  onChanged: () => void;
}

export function IncidentResponseSection({
  incident,
  users,
  viewerId,
  canAct,
  onChanged,
}: IncidentResponseSectionProps) {
  const navigate = useNavigate();
  const response = useIncidentResponse(incident.id, incident.declaredAt !== null);
  const severities = useSeverities();
  const categories = useCategories();
  const roles = useIncidentRoles();
  const services = useServices();
  const document = useIncidentDocument(incident.id, incident.declaredAt !== null);
  useLiveReload(response.reload, { incidentId: incident.id, parts: ['response'] });
  useLiveReload(document.reload, { incidentId: incident.id, parts: ['document'] });
  const changed = () => {
    response.reload();
    document.reload();
    onChanged();
  };
  const documentChanged = () => {
    document.reload();
    onChanged();
  };

  if (incident.declaredAt === null) {
    return canAct ? (
      <PromoteForm incidentId={incident.id} severities={severities.data ?? []} onDeclared={changed} />
    ) : null;
  }
  const data = response.data;
  const shared = { incidentId: incident.id, canAct, onChanged: changed };
  return (
    <>
      <ErrorMessage error={response.error} title="The response could not be loaded:" />
      {data && (
        <>
          <ResponsePanel
            {...shared}
            pagingServiceId={incident.service.id}
            response={data}
            severities={severities.data ?? []}
            categories={categories.data ?? []}
            services={services.data ?? []}
            viewerId={viewerId}
          />
          <StatusUpdatesPanel {...shared} stage={data.stage} nextUpdateDueAt={data.nextUpdateDueAt} />
          <Fold title="Who can see it and who follows it" testId="fold-privacy">
            <PrivacyPanel incident={incident} response={data} users={users} onChanged={changed} />
          </Fold>
          <Fold title="Checklist" testId="fold-checklist">
            <ChecklistPanel {...shared} response={data} />
          </Fold>
          <Fold title="Document" testId="fold-document">
            <ErrorMessage error={document.error} title="The document could not be loaded:" />
            {document.data && (
              <DocumentPanel
                incidentId={incident.id}
                document={document.data}
                users={users}
                canEdit={canAct}
                onChanged={documentChanged}
              />
            )}
          </Fold>
          <Fold title="Roles" testId="fold-roles">
            <RolesPanel {...shared} response={data} roles={roles.data ?? []} users={users} viewerId={viewerId} />
          </Fold>
          <Fold title="Severity history and related incidents" testId="fold-related">
            <SeverityHistory response={data} />
            <LinksPanel {...shared} response={data} onMerged={(intoId) => void navigate(`/app/incidents/${intoId}`)} />
          </Fold>
        </>
      )}
    </>
  );
}
