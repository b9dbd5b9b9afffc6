/**
 * Emailed monthly reports (docs/analytics.md "Emailed reports"): the
 * subscriptions admins and team managers keep, through the API.
 */
import { TocsinApiError, unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf, ItemOf, Json } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type ReportSubscription = ItemOf<Json<paths['/api/v1/analytics/report-subscriptions']['get']['responses'][200]>>;
export type NewReportSubscription = BodyOf<paths['/api/v1/analytics/report-subscriptions']['post']>;
export type ReportSubscriptionChanges = BodyOf<paths['/api/v1/analytics/report-subscriptions/{id}']['patch']>;

export function useReportSubscriptions() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/analytics/report-subscriptions')).items);
}

export async function createReportSubscription(client: TocsinClient, body: NewReportSubscription) {
  return unwrap(await client.POST('/api/v1/analytics/report-subscriptions', { body }));
}

export async function updateReportSubscription(client: TocsinClient, id: string, body: ReportSubscriptionChanges) {
  return unwrap(await client.PATCH('/api/v1/analytics/report-subscriptions/{id}', { params: { path: { id } }, body }));
}

export async function deleteReportSubscription(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/analytics/report-subscriptions/{id}', { params: { path: { id } } }));
}

/** True when the API refused the reader (not an admin nor a manager of a team): the screen says who may. */
export const isRefusal = (error: unknown): boolean => error instanceof TocsinApiError && error.status === 403;

/** The addresses typed in a box, one per line or separated by commas or spaces; blanks dropped. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter((address) => address !== '');
}

/**
 * The API says which address is wrong by its place in the list
 * (`body.recipientEmails.1`); people typed words, not places: each such
 * issue is told with the address itself. Anything else is returned as it is.
 */
export function nameTheAddresses(error: unknown, addresses: readonly string[]): unknown {
  if (!(error instanceof TocsinApiError) || error.status !== 400) return error;
  const details = error.details as { issues?: Array<{ path: string; message: string }> } | undefined;
  if (!Array.isArray(details?.issues)) return error;
  const issues = details.issues.map((issue) => {
    const index = /^body\.recipientEmails\.(\d+)$/.exec(issue.path)?.[1];
    const address = index === undefined ? undefined : addresses[Number(index)];
    return address === undefined ? issue : { ...issue, message: `“${address}” ${issue.message}` };
  });
  return new TocsinApiError(error.status, error.code, error.message, { ...details, issues });
}
