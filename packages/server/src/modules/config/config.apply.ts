/**
 * Applying a config document: plan it again inside one transaction and carry
 * out each change through its module's use case, so the audit log records
 * every change and a failure leaves nothing half-applied. Applying the same
 * document twice changes nothing the second time.
 */
import { inTransaction } from '../../db/client.js';
import { AppError, conflict, isAppError } from '../../lib/errors.js';
import { recordAudit } from '../audit/index.js';
import { requireRole } from '../access/index.js';
import { withDb, type Ctx } from '../context.js';
import { computePlan, describePlan, type PlanOptions } from './config.plan.js';
import { lockConfigApply } from './config.repo.js';
import { parseConfigDocument, type ConfigPlan } from './config.schema.js';

/** Applies the document; returns the plan that was applied (empty when nothing differed). */
export async function applyConfig(ctx: Ctx, input: unknown, options: PlanOptions = {}): Promise<ConfigPlan> {
  requireRole(ctx.actor, 'admin', 'apply configuration');
  const document = parseConfigDocument(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await lockConfigApply(tx);
    const plan = await computePlan(txCtx, document, options);
    const applied = describePlan(plan);
    if (options.expectedFingerprint !== undefined && options.expectedFingerprint !== applied.fingerprint) {
      const n = applied.changes.length;
      throw conflict(
        `The plan is no longer the one reviewed (Tocsin or the file changed since), so nothing was applied: ${
          n === 0
            ? 'Tocsin now already matches the document.'
            : `review the new plan (${n} change${n === 1 ? '' : 's'}) and apply again.`
        }`,
        { changes: applied.changes, fingerprint: applied.fingerprint },
      );
    }
    for (const change of plan.changes) {
      try {
        await change.run(txCtx);
      } catch (error) {
        const message = `Applying "${change.line}" failed, so nothing was applied: ${(error as Error).message}`;
        // A domain refusal keeps its code (and so its status); anything else stays an internal error, logged, not shown.
        throw isAppError(error)
          ? new AppError(error.code, message, { cause: error, details: error.details })
          : new Error(message, { cause: error });
      }
    }
    if (applied.changes.length > 0) {
      await recordAudit(txCtx, {
        action: 'config.applied',
        entityType: 'config',
        entityId: 'document',
        after: { prune: options.prune ?? false, changes: applied.changes.map((c) => c.line) },
      });
    }
    return applied;
  });
}
