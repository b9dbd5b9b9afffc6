/**
 * /app/incidents: open incidents first (filterable by status, service, team,
 * urgency, severity, stage, role held and "mine", kept in the URL), newest
 * first, a page at a time; acknowledged or resolved in place. It updates by
 * itself when any incident changes (the live stream). Above it, my shift now
 * or my next one, linking to My on-call shifts.
 */
import type { IncidentStatus, SeverityKey, Stage } from '../features/incidents/incidents.types';
import { useCurrentUser } from '../features/auth/session-context';
import { IncidentFilters, type IncidentFilterValues } from '../features/incidents/incident-filters';
import { canRespond, OPEN_STATUSES, SEVERITY_KEYS, STAGES, STATUSES } from '../features/incidents/incident-labels';
import { IncidentTable } from '../features/incidents/incident-table';
import { useIncidents } from '../features/incidents/incidents.api';
import { LiveBadge, useLiveReload } from '../features/live/live-provider';
import { useIncidentRoles } from '../features/response/response.api';
import { NextShiftBanner } from '../features/schedules/next-shift-banner';
import { useServices } from '../features/services/services.api';
import { useTeams } from '../features/teams/teams.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { LoadMore } from '../ui/load-more';
import { PageHeader } from '../ui/page-header';
import { useUrlFilters } from '../ui/use-url-filters';

export function IncidentsRoute() {
  const user = useCurrentUser();
  const [url, setUrl] = useUrlFilters(
    {
      status: [...OPEN_STATUSES] as string[],
      service: '',
      team: '',
      urgency: '',
      severity: [] as string[],
      stage: [] as string[],
      role: '',
      mine: '',
    },
    { status: STATUSES, urgency: ['high', 'low'], severity: SEVERITY_KEYS, stage: STAGES, mine: ['true'] },
  );
  const filters: IncidentFilterValues = {
    statuses: url.status as IncidentStatus[],
    serviceId: url.service,
    teamId: url.team,
    urgency: url.urgency as IncidentFilterValues['urgency'],
    severities: url.severity as SeverityKey[],
    stages: url.stage as Stage[],
    role: url.role,
    isMine: url.mine === 'true',
  };
  const setFilters = (next: IncidentFilterValues) =>
    setUrl({
      status: next.statuses,
      service: next.serviceId,
      team: next.teamId,
      urgency: next.urgency,
      severity: next.severities,
      stage: next.stages,
      role: next.role,
      mine: next.isMine ? 'true' : '',
    });
  const services = useServices();
  const teams = useTeams();
  const roles = useIncidentRoles();
  const incidents = useIncidents(filters);

  // Incidents arrive and change without anyone clicking: the list loads again (the pages already shown) when any does.
  useLiveReload(incidents.reload);

  return (
    <div className="page">
      <PageHeader
        title="Incidents"
        summary="What is broken now, newest first; the list updates by itself. Acknowledge to stop the paging; resolve when it is fixed."
        actions={<LiveBadge />}
      />
      <NextShiftBanner />
      <IncidentFilters
        values={filters}
        services={services.data ?? []}
        teams={teams.data ?? []}
        roles={(roles.data ?? []).map((role) => ({ id: role.slug, name: role.name }))}
        onChange={setFilters}
      />
      <ErrorMessage error={services.error} title="The services could not be loaded:" />
      <ErrorMessage error={teams.error} title="The teams could not be loaded:" />
      <ErrorMessage error={incidents.error} title="The incidents could not be loaded:" />
      {incidents.isLoading && !incidents.items && <Loading what="incidents" />}
      {incidents.items?.length === 0 && (
        <EmptyState title="No incidents match">
          <p>Nothing is paging with these filters. Tick Resolved to see past incidents.</p>
        </EmptyState>
      )}
      {incidents.items && incidents.items.length > 0 && (
        <>
          <div className="panel flush">
            <IncidentTable incidents={incidents.items} canAct={canRespond(user.role)} onChanged={incidents.reload} />
          </div>
          <LoadMore list={incidents} what="matching incidents" />
        </>
      )}
    </div>
  );
}
