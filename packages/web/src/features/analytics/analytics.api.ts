/** The analytics API: the summary per group, the incidents behind a figure, and the monthly report. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import { zonedToInstant } from '../schedules/zoned-time';
import type { AnalyticsFilters, GroupBy, Period } from './analytics.types';

/** The first instant of a YYYY-MM month and of the month after another, in the zone (UTC unless given). */
export function monthRange(from: string, to: string, timeZone = 'UTC'): { from: string; to: string } {
  const [year, month] = to.split('-').map(Number);
  const next = new Date(Date.UTC(year!, month!, 1)).toISOString().slice(0, 7); // Date.UTC months count from 0
  return {
    from: zonedToInstant(`${from}-01T00:00`, timeZone).toISOString(),
    to: zonedToInstant(`${next}-01T00:00`, timeZone).toISOString(),
  };
}

function filterQuery(filters: AnalyticsFilters) {
  return {
    ...monthRange(filters.from, filters.to, filters.tz || 'UTC'),
    ...(filters.tz && { tz: filters.tz }),
    ...(filters.teamId && { teamId: filters.teamId }),
    ...(filters.serviceId && { serviceId: filters.serviceId }),
    ...(filters.policyId && { policyId: filters.policyId }),
    ...(filters.priority && { priority: filters.priority as 'P1' }),
    ...(filters.urgency && { urgency: filters.urgency as 'high' }),
    ...(filters.severity && { severity: filters.severity as 'S1' }),
  };
}

const key = (filters: AnalyticsFilters) => JSON.stringify(filters);

export function useSummary(filters: AnalyticsFilters, groupBy: GroupBy, period: Period) {
  return useResource(
    async (client: TocsinClient) =>
      unwrap(
        await client.GET('/api/v1/analytics/summary', {
          params: { query: { ...filterQuery(filters), groupBy, period } },
        }),
      ),
    [key(filters), groupBy, period],
  );
}

export function useIncidentFigures(filters: AnalyticsFilters, breachedOnly: boolean) {
  return useResource(
    async (client: TocsinClient) =>
      unwrap(
        await client.GET('/api/v1/analytics/incidents', {
          params: {
            query: { ...filterQuery(filters), ...(breachedOnly && { breached: 'true' as const }), limit: 200 },
          },
        }),
      ).items,
    [key(filters), breachedOnly],
  );
}

export function useReport(team: string, month: string, tz?: string) {
  return useResource(
    async (client: TocsinClient) =>
      unwrap(
        await client.GET('/api/v1/analytics/report', {
          params: { query: { ...(team && { team }), ...(month && { month }), ...(tz && { tz }) } },
        }),
      ),
    [team, month, tz],
  );
}

const reportQuery = (team: string, month: string, tz?: string) =>
  new URLSearchParams({ ...(team && { team }), ...(month && { month }), ...(tz && { tz }) }).toString();

/** Where the browser downloads the report as CSV (the session cookie signs the request). */
export function reportCsvUrl(team: string, month: string, tz?: string): string {
  return `/api/v1/analytics/report.csv?${reportQuery(team, month, tz)}`;
}

/** Where the browser downloads the report as PDF. */
export function reportPdfUrl(team: string, month: string, tz?: string): string {
  return `/api/v1/analytics/report.pdf?${reportQuery(team, month, tz)}`;
}

export function useShareLinks(isEnabled: boolean) {
  return useResource(
    async (client: TocsinClient) => (isEnabled ? unwrap(await client.GET('/api/v1/analytics/share-links')).items : []),
    [isEnabled],
  );
}

export async function createShareLink(
  client: TocsinClient,
  body: { name: string; teamIds: string[]; month: string | null; showIncidentTitles: boolean; expiresAt: string },
) {
  return unwrap(await client.POST('/api/v1/analytics/share-links', { body }));
}

export async function revokeShareLink(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/analytics/share-links/{id}', { params: { path: { id } } }));
}

/** On-call health over the chosen months (docs/analytics.md "On-call health"). */
export function useOnCallHealth(from: string, to: string, teamId: string, tz = 'UTC') {
  return useResource(
    async (client: TocsinClient) =>
      unwrap(
        await client.GET('/api/v1/analytics/oncall', {
          params: { query: { ...monthRange(from, to, tz), ...(teamId && { teamId }) } },
        }),
      ),
    [from, to, teamId, tz],
  );
}
