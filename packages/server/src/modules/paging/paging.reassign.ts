/**
 * Reassigning an open incident: to people (they are paged now, and the
 * escalation carries on from where it stood), or to another escalation policy
 * (a fresh snapshot, walked from its first level).
 */
import { inTransaction } from '../../db/client.js';
import { publishEvent } from '../../db/outbox.js';
import { AppError, conflict } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getPolicySnapshot, type EscalationPolicySnapshot } from '../escalation/index.js';
import {
  actorName,
  auditState,
  markTriggered,
  ReassignSchema,
  reloadIncident,
  requireIncidentRow,
  type Incident,
  type IncidentRow,
  type ReassignInput,
} from '../incidents/index.js';
import { appendTimelineEntry } from '../timeline/index.js';
import { getPagingSettings } from '../services/index.js';
import { nextStepAt, pageAt, restartPosition } from './escalation-plan.js';
import type { IncidentEscalatedEvent } from './paging.events.js';
import { selectUserNames } from '../users/index.js';
import { updateEscalation, wakeEngine } from './paging.repo.js';

async function requireEnabledUsers(ctx: Ctx, userIds: string[]): Promise<Array<{ id: string; name: string }>> {
  const found = new Map((await selectUserNames(ctx.db, userIds)).map((u) => [u.id, u]));
  const missing = userIds.filter((id) => !found.has(id));
  if (missing.length)
    throw new AppError('not_found', `No user has id ${missing.join(', ')}: reassign to existing users.`, {
      details: { missing },
    });
  const disabled = userIds.filter((id) => found.get(id)!.is_disabled);
  if (disabled.length)
    throw new AppError(
      'bad_request',
      `User ${disabled.join(', ')} is disabled and cannot be paged: pick someone else.`,
      { details: { disabled } },
    );
  return [...new Set(userIds)].map((id) => ({ id, name: found.get(id)!.name }));
}

/** Pages `userIds` now; returns who they are. */
async function reassignToUsers(ctx: Ctx, row: IncidentRow, userIds: string[]): Promise<string[]> {
  const users = await requireEnabledUsers(ctx, userIds);
  const now = ctx.clock.now();
  const policy = row.escalation_policy as EscalationPolicySnapshot;
  // The new assignees get the wait the level they stand in for had; then the escalation goes on.
  const standIn = policy.levels[Math.max(0, Math.min(row.escalation_level, policy.levels.length) - 1)];
  const service = await getPagingSettings(ctx.db, row.service_id, now);
  const hours = { urgency: row.urgency, businessHours: service.businessHours, timeZone: service.timeZone };
  if (row.status !== 'triggered') await markTriggered(ctx.db, row.id, now);
  await updateEscalation(ctx.db, row.id, {
    assignee_ids: users.map((u) => u.id),
    next_escalation_at: standIn ? nextStepAt(hours, now, standIn.delayMinutes) : null,
    snoozed_until: null,
    updated_at: now,
  });
  await appendTimelineEntry(ctx.db, ctx, row.id, {
    kind: 'reassigned',
    message: `Reassigned to ${users.map((u) => u.name).join(', ')} by ${await actorName(ctx.db, ctx.actor)}`,
    data: { userIds: users.map((u) => u.id) },
  });
  const paged: IncidentEscalatedEvent = {
    incidentId: row.id,
    level: 0,
    loop: row.escalation_loop,
    userIds: users.map((u) => u.id),
    channelIds: [],
    urgency: row.urgency,
    // A person's request, taken once in this transaction: a fresh key per reassignment.
    stepKey: `${row.id}:reassign:${newId(now)}`,
  };
  await publishEvent(ctx.db, now, 'IncidentEscalated', paged, paged.stepKey);
  return paged.userIds;
}

async function reassignToPolicy(ctx: Ctx, row: IncidentRow, policyId: string): Promise<void> {
  const snapshot = await getPolicySnapshot(ctx.db, policyId);
  const now = ctx.clock.now();
  const service = await getPagingSettings(ctx.db, row.service_id, now);
  const position = restartPosition({ level: row.escalation_level, loop: row.escalation_loop });
  if (row.status !== 'triggered') await markTriggered(ctx.db, row.id, now);
  await updateEscalation(ctx.db, row.id, {
    escalation_policy: JSON.stringify(snapshot),
    escalation_level: position.level,
    escalation_loop: position.loop,
    assignee_ids: [],
    next_escalation_at: pageAt(
      { urgency: row.urgency, businessHours: service.businessHours, timeZone: service.timeZone },
      now,
    ),
    snoozed_until: null,
    updated_at: now,
  });
  await appendTimelineEntry(ctx.db, ctx, row.id, {
    kind: 'reassigned',
    message: `Reassigned to escalation policy ${snapshot.name} by ${await actorName(ctx.db, ctx.actor)}: escalation starts over from its level 1`,
    data: { policyId: snapshot.id },
  });
  await wakeEngine(ctx.db);
}

export async function reassignIncident(ctx: Ctx, idOrNumber: string, input: ReassignInput): Promise<Incident> {
  requireRole(ctx.actor, 'responder', 'reassign incidents');
  const data = ReassignSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireIncidentRow(tx, idOrNumber, { as: ctx.actor, forUpdate: true });
    if (row.status === 'resolved') {
      throw conflict(`Incident #${row.number} is resolved, so it cannot be reassigned.`, {
        incidentId: row.id,
        status: row.status,
      });
    }
    if ('userIds' in data) await reassignToUsers(txCtx, row, data.userIds);
    else await reassignToPolicy(txCtx, row, data.policyId);
    const after = await reloadIncident(tx, row.id);
    await recordAudit(txCtx, {
      action: 'incident.reassigned',
      entityType: 'incident',
      entityId: row.id,
      before: auditState(row),
      after: auditState(after.row),
    });
    return after.incident;
  });
}
