/** The incidents API: the filtered list, one incident and its story, and what responders do to it. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { usePagedList } from '../../api/use-paged-list';
import { useResource } from '../../api/use-resource';
import { listIncidentNotifications } from '../notify/notify.api';
import type { IncidentFilterValues } from './incident-filters';

export type Reassignment = BodyOf<paths['/api/v1/incidents/{id}/reassign']['post']>;

const PAGE_SIZE = 50;

/** Incidents matching the filters, newest first, a page at a time. */
export function useIncidents(filters: IncidentFilterValues) {
  return usePagedList(
    async (client, cursor) => {
      // No status ticked means no filter: every status. Later pages keep the filters.
      const query = {
        ...(filters.statuses.length > 0 && { status: filters.statuses.join(',') }),
        ...(filters.serviceId && { serviceId: filters.serviceId }),
        ...(filters.teamId && { teamId: filters.teamId }),
        ...(filters.urgency && { urgency: filters.urgency }),
        ...(filters.severities.length > 0 && { severity: filters.severities.join(',') }),
        ...(filters.stages.length > 0 && { stage: filters.stages.join(',') }),
        ...(filters.role && { role: filters.role }),
        ...(filters.isMine && { mine: 'true' as const }),
        ...(cursor && { cursor }),
        limit: PAGE_SIZE,
      };
      return unwrap(await client.GET('/api/v1/incidents', { params: { query } }));
    },
    [
      filters.statuses.join(','),
      filters.serviceId,
      filters.teamId,
      filters.urgency,
      filters.severities.join(','),
      filters.stages.join(','),
      filters.role,
      filters.isMine,
    ],
  );
}

/** One incident with its alerts, by uuid or number; nothing is loaded while `id` is not known yet. */
export function useIncident(id: string | undefined) {
  return useResource(
    async (client) =>
      id === undefined ? undefined : unwrap(await client.GET('/api/v1/incidents/{id}', { params: { path: { id } } })),
    [id],
  );
}

/**
 * An incident's story: its timeline (by uuid or number) and the
 * notifications sent for it, which the list finds by uuid only, so they
 * come once the incident (and its uuid) is loaded.
 */
export function useIncidentStory(id: string, incidentUuid: string | undefined) {
  return useResource(
    async (client) => {
      const [timeline, notifications] = await Promise.all([
        client.GET('/api/v1/incidents/{id}/timeline', { params: { path: { id } } }),
        incidentUuid ? listIncidentNotifications(client, incidentUuid) : [],
      ]);
      return { entries: unwrap(timeline).items, notifications };
    },
    [id, incidentUuid],
  );
}

const incidentPath = (id: string) => ({ params: { path: { id } } });

export async function acknowledgeIncident(client: TocsinClient, id: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/acknowledge', incidentPath(id)));
}

export async function resolveIncident(client: TocsinClient, id: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/resolve', incidentPath(id)));
}

export async function escalateIncident(client: TocsinClient, id: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/escalate', incidentPath(id)));
}

export async function snoozeIncident(client: TocsinClient, id: string, minutes: number) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/snooze', { ...incidentPath(id), body: { minutes } }));
}

export async function reassignIncident(client: TocsinClient, id: string, body: Reassignment) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/reassign', { ...incidentPath(id), body }));
}

export async function addIncidentNote(client: TocsinClient, id: string, text: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/notes', { ...incidentPath(id), body: { text } }));
}
