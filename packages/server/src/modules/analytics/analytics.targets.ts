/**
 * The organisation's SLA targets (docs/analytics.md): one row per severity
 * and per urgency. Everyone who reads analytics reads them; admins change
 * them, audited. A change applies to incidents opened (or declared) after it:
 * each incident keeps the due instants computed when it opened.
 */
import { inTransaction } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { listTargetRows, updateTargetRow, type SlaTargetRow } from './analytics.repo.js';
import type { SlaTarget, UpdateSlaTargetInput } from './analytics.schema.js';

const toTarget = (row: SlaTargetRow): SlaTarget => ({
  scope: row.scope,
  key: row.key as SlaTarget['key'],
  ackMinutes: row.ack_minutes,
  ackBusinessHours: row.ack_business_hours,
  resolveMinutes: row.resolve_minutes,
  resolveBusinessHours: row.resolve_business_hours,
  updatedAt: row.updated_at.toISOString(),
});

export async function listSlaTargets(ctx: Ctx): Promise<SlaTarget[]> {
  requireRole(ctx.actor, 'viewer', 'read SLA targets');
  return (await listTargetRows(ctx.db)).map(toTarget);
}

export async function updateSlaTarget(
  ctx: Ctx,
  scope: 'severity' | 'urgency',
  key: string,
  input: UpdateSlaTargetInput,
): Promise<SlaTarget> {
  requireRole(ctx.actor, 'admin', 'change SLA targets');
  return inTransaction(ctx.db, async (tx) => {
    const before = (await listTargetRows(tx)).find((row) => row.scope === scope && row.key === key);
    if (!before) throw notFound('SLA target', `${scope}/${key}`);
    const after = await updateTargetRow(tx, scope, key, {
      ...(input.ackMinutes !== undefined && { ack_minutes: input.ackMinutes }),
      ...(input.ackBusinessHours !== undefined && { ack_business_hours: input.ackBusinessHours }),
      ...(input.resolveMinutes !== undefined && { resolve_minutes: input.resolveMinutes }),
      ...(input.resolveBusinessHours !== undefined && { resolve_business_hours: input.resolveBusinessHours }),
      updated_at: ctx.clock.now(),
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'sla_target.updated',
      entityType: 'sla_target',
      entityId: `${scope}/${key}`,
      before: toTarget(before),
      after: toTarget(after!),
    });
    return toTarget(after!);
  });
}
