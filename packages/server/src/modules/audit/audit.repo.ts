/** The only SQL on audit_log. */
import type { Db } from '../../db/client.js';
import type { AuditQuery } from './audit.schema.js';

export interface AuditRow {
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

export async function insertAudit(db: Db, row: AuditRow): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function selectAudit(db: Db, query: AuditQuery) {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  if (query.before) q = q.where('id', '<', String(query.before));
  return q.execute();
}
