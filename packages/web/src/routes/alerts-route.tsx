/**
 * /app/alerts: every signal from monitoring, newest first, a page at a
 * time, filterable by status and service (kept in the URL); each links to
 * its detail and to the incident it was grouped into.
 */
import { useEffect } from 'react';
import type { AlertStatus } from '../features/alerts/alerts.types';
import { AlertFilters, type AlertFilterValues } from '../features/alerts/alert-filters';
import { ALERT_STATUSES } from '../features/alerts/alert-labels';
import { AlertTable } from '../features/alerts/alert-table';
import { useAlerts } from '../features/alerts/alerts.api';
import { useServices } from '../features/services/services.api';
import { EmptyState, ErrorMessage, Loading } from '../ui/feedback';
import { LoadMore } from '../ui/load-more';
import { PageHeader } from '../ui/page-header';
import { useUrlFilters } from '../ui/use-url-filters';

const REFRESH_EVERY_MS = 30_000;

export function AlertsRoute() {
  const [url, setUrl] = useUrlFilters(
    { status: [...ALERT_STATUSES] as string[], service: '' },
    { status: ALERT_STATUSES },
  );
  const filters: AlertFilterValues = { statuses: url.status as AlertStatus[], serviceId: url.service };
  const setFilters = (next: AlertFilterValues) => setUrl({ status: next.statuses, service: next.serviceId });
  const services = useServices();
  const alerts = useAlerts(filters);

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
