/** The alerts API: the filtered list, one alert, and an alert's log of received events. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { usePagedList } from '../../api/use-paged-list';
import { useResource } from '../../api/use-resource';
import type { AlertFilterValues } from './alert-filters';
import { ALERT_STATUSES } from './alert-labels';

const PAGE_SIZE = 50;
const EVENTS_PAGE_SIZE = 20;

/** Alerts matching the filters, newest first, a page at a time. */
export function useAlerts(filters: AlertFilterValues) {
  return usePagedList(
    async (client, cursor) => {
      // Every status ticked, or none, means no filter. Later pages keep the filters.
      const isFiltered = filters.statuses.length > 0 && filters.statuses.length < ALERT_STATUSES.length;
      const query = {
        ...(isFiltered && { status: filters.statuses.join(',') }),
        ...(filters.serviceId && { serviceId: filters.serviceId }),
        ...(cursor && { cursor }),
        limit: PAGE_SIZE,
      };
      return unwrap(await client.GET('/api/v1/alerts', { params: { query } }));
    },
    [filters.statuses.join(','), filters.serviceId],
  );
}

export async function getAlert(client: TocsinClient, id: string) {
  return unwrap(await client.GET('/api/v1/alerts/{id}', { params: { path: { id } } }));
}

export function useAlert(id: string) {
  return useResource((client) => getAlert(client, id), [id]);
}

/** The events one alert received, newest first, a page at a time. */
export function useAlertEvents(alertId: string) {
  return usePagedList(
    async (client, cursor) =>
      unwrap(
        await client.GET('/api/v1/alerts/{id}/events', {
          params: { path: { id: alertId }, query: { limit: EVENTS_PAGE_SIZE, ...(cursor && { cursor }) } },
        }),
      ),
    [alertId],
  );
}
