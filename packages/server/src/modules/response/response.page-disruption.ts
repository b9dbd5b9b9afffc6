/**
 * Seed 004's status rule: when a status page shows Partial Service
 * Disruption or Service Disruption for a declared incident, its IMOC must be
 * engaged. Called by the status pages module in its publishing transaction;
 * an IMOC already holding the role stays, and nobody on call is said on the
 * timeline (engageOnCall), so publishing never fails for it.
 */
import { inTransaction } from '../../db/client.js';
import { withDb, type Ctx } from '../context.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { findRoleBySlug, selectHolders } from './response.repo.js';
import { engageOnCall, lockDeclared } from './response.state.js';

export async function engageImocForPageDisruption(ctx: Ctx, incidentId: string, statusLabel: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const declared = await lockDeclared(tx, incidentId, ctx.actor);
    const { response } = declared;
    if (response.near_miss || response.stage === 'resolved' || response.stage === 'closed') return;
    const imoc = await findRoleBySlug(tx, 'imoc');
    if (!imoc) return;
    if ((await selectHolders(tx, incidentId)).some((h) => h.role_id === imoc.id && h.ended_at === null)) return;
    await appendTimelineEntry(tx, txCtx, incidentId, {
      kind: 'rule_fired',
      message: `The status page shows ${statusLabel}: engaging the IMOC (seed 004)`,
      data: { rule: 'page_disruption' },
    });
    await engageOnCall(txCtx, declared, 'imoc', { page: true });
  });
}
