/**
 * /app/alerts: every signal from monitoring, newest first, a page at a
 * time, filterable by status and service (kept in the URL); each links to
 * its detail and to the incident it was grouped into.
 */
import { unwrap } from '@tocsin/sdk';
import { useEffect } from 'react';
import type { AlertStatus } from '../api/paging-types';
import { usePagedList } from '../api/use-paged-list';
import { useResource } from '../api/use-resource';
import { AlertFilters, type AlertFilterValues } from '../features/alerts/alert-filters';
import { ALERT_STATUSES } from '../features/alerts/alert-labels';
import { AlertTable } from '../features/alerts/alert-table';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { LoadMore } from '../ui/load-more';
import { PageHeader } from '../ui/page-header';
import { useUrlFilters } from '../ui/use-url-filters';

const REFRESH_EVERY_MS = 30_000;
const PAGE_SIZE = 50;

export function AlertsRoute() {
  const [url, setUrl] = useUrlFilters(
    { status: [...ALERT_STATUSES] as string[], service: '' },
    { status: ALERT_STATUSES },
  );
  const filters: AlertFilterValues = { statuses: url.status as AlertStatus[], serviceId: url.service };
  const setFilters = (next: AlertFilterValues) => setUrl({ status: next.statuses, service: next.serviceId });
  const services = useResource(async (client) => unwrap(await client.GET('/api/v1/services')).items);
  const alerts = usePagedList(
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

  const { reload } = alerts;
  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  return (
    <div className="page">
      <PageHeader
        title="Alerts"
        summary="Every signal from your monitoring, newest first (refreshed every 30 seconds), deduplicated by its key within an integration key, with the incident it was grouped into."
      />
      <AlertFilters values={filters} services={services.data ?? []} onChange={setFilters} />
      <ErrorMessage error={services.error} title="The services could not be loaded:" />
      <ErrorMessage error={alerts.error} title="The alerts could not be loaded:" />
      {alerts.isLoading && !alerts.items && <Loading what="alerts" />}
      {alerts.items?.length === 0 && (
        <EmptyState title="No alerts match">
          <p>Nothing has arrived with these filters. Alerts come in through a service's integration keys.</p>
        </EmptyState>
      )}
      {alerts.items && alerts.items.length > 0 && (
        <>
          <div className="panel flush">
            <AlertTable alerts={alerts.items} services={services.data ?? []} />
          </div>
          <LoadMore list={alerts} what="matching alerts" />
        </>
      )}
    </div>
  );
}
