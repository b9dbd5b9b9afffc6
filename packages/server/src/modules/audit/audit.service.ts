/** Recording and reading the audit log. */
import { toJson } from '../../db/client.js';
import { requireRole } from '../access/index.js';
import type { Ctx } from '../context.js';
import { insertAudit, selectAudit } from './audit.repo.js';
import type { AuditEntry, AuditQuery } from './audit.schema.js';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function recordAudit(ctx: Ctx, change: AuditChange): Promise<void> {
  const { actor } = ctx;
  await insertAudit(ctx.db, {
    at: ctx.clock.now(),
    actor_type: actor.type,
    actor_id: actor.type === 'user' ? actor.userId : null,
    actor_label: actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId,
    before: change.before === undefined ? null : toJson(change.before),
    after: change.after === undefined ? null : toJson(change.after),
    request_id: ctx.requestId ?? null,
  });
}

export async function listAudit(ctx: Ctx, query: AuditQuery): Promise<AuditEntry[]> {
  requireRole(ctx.actor, 'admin', 'read the audit log');
  const rows = await selectAudit(ctx.db, query);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.request_id,
  }));
}
