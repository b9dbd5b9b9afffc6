/**
 * Listing alerts for people, newest first, a page at a time. Kept apart from
 * alerts.repo.ts, which holds the processing pipeline's SQL: this only reads.
 *
 * Pages are keyset pages on (created_at, id), so an alert that arrives while
 * someone pages through the list never shifts or repeats what they see.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { incidentVisibleTo } from '../incidents/index.js';
import type { AlertRow } from './alerts.repo.js';
import { ALERT_CURSOR, type AlertFilters } from './alerts.schema.js';

interface PagePosition {
  createdAt: Date;
  id: string;
}

/**
 * The cursor after an alert. Alert rows get created_at from the clock (a JS
 * Date), so milliseconds hold it exactly.
 */
export function encodeAlertCursor(row: Pick<AlertRow, 'created_at' | 'id'>): string {
  return `${row.created_at.getTime()}_${row.id}`;
}

function decodeAlertCursor(cursor: string): PagePosition | undefined {
  const match = ALERT_CURSOR.exec(cursor);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : undefined;
}

export async function selectAlertPage(
  db: Db,
  filters: AlertFilters & { limit: number; visibleTo: Actor },
): Promise<AlertRow[]> {
  let q = db
    .selectFrom('alerts')
    .selectAll()
    .where(incidentVisibleTo(filters.visibleTo, 'alerts.incident_id'))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filters.limit);
  if (filters.status?.length) q = q.where('status', 'in', filters.status);
  if (filters.serviceId) q = q.where('service_id', '=', filters.serviceId);
  const after = filters.cursor ? decodeAlertCursor(filters.cursor) : undefined;
  if (after) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)));
  return q.execute();
}
