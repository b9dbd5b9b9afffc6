/** The audit log, newest first, a page at a time (older pages by entry id). */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEntries(client: TocsinClient, before?: number) {
  const query = { limit: AUDIT_PAGE_SIZE, ...(before !== undefined && { before }) };
  return unwrap(await client.GET('/api/v1/audit', { params: { query } })).items;
}

export function useAuditFirstPage() {
  return useResource((client) => listAuditEntries(client));
}
