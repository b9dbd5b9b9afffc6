/**
 * Use cases on notification rules: which verified method is used, for which
 * urgency, how many minutes after an escalation step reaches the person.
 */
import { inTransaction } from '../../db/client.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { getUserRecord } from '../users/index.js';
import {
  deleteRuleRow,
  findRule,
  insertRule,
  selectRules,
  updateRuleRow,
  type RuleRow,
} from './contact-methods.repo.js';
import {
  CreateRuleSchema,
  UpdateRuleSchema,
  type CreateRuleInput,
  type NotificationRule,
  type UpdateRuleInput,
} from './contact-methods.schema.js';
import { requireMethodOf } from './contact-methods.service.js';
import { requireSelfOrAdmin } from './notify.access.js';

const toRule = (row: RuleRow): NotificationRule => ({
  id: row.id,
  userId: row.user_id,
  contactMethodId: row.contact_method_id,
  urgency: row.urgency,
  delayMinutes: row.delay_minutes,
  createdAt: row.created_at.toISOString(),
});

async function requireRuleOf(ctx: Ctx, userId: string, id: string): Promise<RuleRow> {
  const row = await findRule(ctx.db, id);
  if (!row || row.user_id !== userId) throw notFound('Notification rule', id);
  return row;
}

function refuseDuplicate(
  rules: RuleRow[],
  candidate: Pick<RuleRow, 'contact_method_id' | 'urgency' | 'delay_minutes'>,
  exceptId?: string,
): void {
  const same = rules.find(
    (r) =>
      r.id !== exceptId &&
      r.contact_method_id === candidate.contact_method_id &&
      r.urgency === candidate.urgency &&
      r.delay_minutes === candidate.delay_minutes,
  );
  if (same)
    throw conflict(
      `Rule ${same.id} already notifies this method at ${candidate.delay_minutes} minutes for ${candidate.urgency} urgency`,
      { ruleId: same.id },
    );
}

export async function listRules(ctx: Ctx, userId: string): Promise<NotificationRule[]> {
  requireSelfOrAdmin(ctx.actor, userId, 'see the notification rules', 'read');
  if (!(await getUserRecord(ctx.db, userId))) throw notFound('User', userId);
  return (await selectRules(ctx.db, userId)).map(toRule);
}

export async function createRule(ctx: Ctx, userId: string, input: CreateRuleInput): Promise<NotificationRule> {
  requireSelfOrAdmin(ctx.actor, userId, 'add notification rules', 'write');
  const data = CreateRuleSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const method = await requireMethodOf(tx, userId, data.contactMethodId);
    if (!method.verified_at) {
      throw conflict(
        `Contact method ${method.id} is not verified yet: enter the code Tocsin sent to it, then add the rule`,
        { contactMethodId: method.id },
      );
    }
    refuseDuplicate(await selectRules(tx, userId), {
      contact_method_id: method.id,
      urgency: data.urgency,
      delay_minutes: data.delayMinutes,
    });
    const now = ctx.clock.now();
    const row = await insertRule(tx, {
      id: newId(now),
      user_id: userId,
      contact_method_id: method.id,
      urgency: data.urgency,
      delay_minutes: data.delayMinutes,
      created_at: now,
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'notification_rule.created',
      entityType: 'notification_rule',
      entityId: row.id,
      after: toRule(row),
    });
    return toRule(row);
  });
}

export async function updateRule(
  ctx: Ctx,
  userId: string,
  id: string,
  input: UpdateRuleInput,
): Promise<NotificationRule> {
  requireSelfOrAdmin(ctx.actor, userId, 'change notification rules', 'write');
  const data = UpdateRuleSchema.parse(input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const before = await requireRuleOf(txCtx, userId, id);
    const next = {
      contact_method_id: before.contact_method_id,
      urgency: data.urgency ?? before.urgency,
      delay_minutes: data.delayMinutes ?? before.delay_minutes,
    };
    refuseDuplicate(await selectRules(tx, userId), next, id);
    const row = await updateRuleRow(tx, id, { urgency: next.urgency, delay_minutes: next.delay_minutes });
    await recordAudit(txCtx, {
      action: 'notification_rule.updated',
      entityType: 'notification_rule',
      entityId: id,
      before: toRule(before),
      after: toRule(row),
    });
    return toRule(row);
  });
}

export async function deleteRule(ctx: Ctx, userId: string, id: string): Promise<NotificationRule> {
  requireSelfOrAdmin(ctx.actor, userId, 'delete notification rules', 'write');
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const row = await requireRuleOf(txCtx, userId, id);
    await deleteRuleRow(tx, id);
    await recordAudit(txCtx, {
      action: 'notification_rule.deleted',
      entityType: 'notification_rule',
      entityId: id,
      before: toRule(row),
    });
    return toRule(row);
  });
}
