/**
 * The update cadence counts status page updates (issue 13): a page update
 * published for a declared incident is a status update to the public, so it
 * restarts the severity's cadence and clears the reminder, as posting a
 * status update does (response.updates.ts). Called by the status pages
 * module in its publishing transaction; an incident that is not declared
 * has no cadence and is left alone.
 */
import { inTransaction } from '../../db/client.js';
import { findResponse, updateResponse } from './response.repo.js';
import { lockDeclared, replan } from './response.state.js';
import type { Ctx } from '../context.js';

export async function pageUpdatePublished(ctx: Ctx, incidentId: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    if (!(await findResponse(tx, incidentId))) return;
    const declared = await lockDeclared(tx, incidentId, ctx.actor);
    const now = ctx.clock.now();
    const patch = { last_update_at: now, update_reminded_at: null, updated_at: now };
    await updateResponse(tx, incidentId, patch);
    Object.assign(declared.response, patch);
    await replan(tx, declared);
  });
}
