/** Use cases on escalation policies: create, change, delete, read. */
import { labelTargets } from './escalation.labels.js';
import { inTransaction, toJson } from '../../db/client.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { listTeams, type Team } from '../teams/index.js';
import {
  deletePolicyRow,
  findPolicyRow,
  insertPolicyRow,
  selectPolicies,
  selectServicesUsingPolicy,
  updatePolicyRow,
  type EscalationPolicyRow,
} from './escalation.repo.js';
import {
  CreatePolicySchema,
  parsePolicyInput,
  UpdatePolicySchema,
  type CreatePolicyInput,
  type Policy,
  type UpdatePolicyInput,
} from './escalation.schema.js';
import { validateLevels, validateTeam } from './escalation.targets.js';
import type { EscalationLevel } from './escalation.types.js';

async function toPolicies(ctx: Ctx, rows: EscalationPolicyRow[]): Promise<Policy[]> {
  const targets = rows.flatMap((r) => (r.levels as EscalationLevel[]).flatMap((l) => l.targets));
  const labels = await labelTargets(ctx.db, targets);
  const teams = rows.some((r) => r.team_id)
    ? new Map((await listTeams(ctx)).map((t) => [t.id, t]))
    : new Map<string, Team>();
  return rows.map((row) => {
    const team = row.team_id ? teams.get(row.team_id) : undefined;
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      team: team ? { id: team.id, slug: team.slug, name: team.name } : null,
      repeatCount: row.repeat_count,
      levels: (row.levels as EscalationLevel[]).map((level) => ({
        delayMinutes: level.delayMinutes,
        targets: level.targets.map((t) => ({ type: t.type, id: t.id, label: labels.get(t.id) ?? `${t.type} ${t.id}` })),
      })),
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

async function toPolicy(ctx: Ctx, row: EscalationPolicyRow): Promise<Policy> {
  const [policy] = await toPolicies(ctx, [row]);
  return policy!;
}

async function requirePolicy(ctx: Ctx, idOrName: string): Promise<EscalationPolicyRow> {
  const row = await findPolicyRow(ctx.db, idOrName);
  if (!row) throw notFound('Escalation policy', idOrName);
  return row;
}

async function requireNameFree(ctx: Ctx, name: string, exceptId?: string): Promise<void> {
  const existing = await findPolicyRow(ctx.db, name);
  if (existing && existing.id !== exceptId) {
    throw conflict(
      `An escalation policy named "${existing.name}" already exists (names are unique without regard to case): choose another name`,
      { name },
    );
  }
}

/** Only the stored fields of a level, in a fixed order. */
const storedLevels = (levels: EscalationLevel[]): EscalationLevel[] =>
  levels.map((l) => ({ delayMinutes: l.delayMinutes, targets: l.targets.map((t) => ({ type: t.type, id: t.id })) }));

export async function listPolicies(ctx: Ctx): Promise<Policy[]> {
  return toPolicies(ctx, await selectPolicies(ctx.db));
}

/** By id, or by name without regard to case. */
export async function getPolicy(ctx: Ctx, idOrName: string): Promise<Policy> {
  return toPolicy(ctx, await requirePolicy(ctx, idOrName));
}

export async function createPolicy(ctx: Ctx, input: CreatePolicyInput): Promise<Policy> {
  requireRole(ctx.actor, 'admin', 'create escalation policies');
  const data = parsePolicyInput(CreatePolicySchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    await requireNameFree(txCtx, data.name);
    await validateTeam(txCtx, data.teamId);
    await validateLevels(txCtx, data.levels);
    const now = ctx.clock.now();
    const row = await insertPolicyRow(tx, {
      id: newId(now),
      name: data.name,
      description: data.description,
      team_id: data.teamId,
      levels: toJson(storedLevels(data.levels)),
      repeat_count: data.repeatCount,
      created_at: now,
      updated_at: now,
    });
    const policy = await toPolicy(txCtx, row);
    await recordAudit(txCtx, {
      action: 'escalation_policy.created',
      entityType: 'escalation_policy',
      entityId: row.id,
      after: policy,
    });
    return policy;
  });
}

export async function updatePolicy(ctx: Ctx, idOrName: string, input: UpdatePolicyInput): Promise<Policy> {
  requireRole(ctx.actor, 'admin', 'change escalation policies');
  const data = parsePolicyInput(UpdatePolicySchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const before = await requirePolicy(txCtx, idOrName);
    if (data.name !== undefined) await requireNameFree(txCtx, data.name, before.id);
    if (data.teamId !== undefined) await validateTeam(txCtx, data.teamId);
    if (data.levels !== undefined) await validateLevels(txCtx, data.levels);
    const row = await updatePolicyRow(tx, before.id, {
      ...(data.name !== undefined && { name: data.name }),
      ...(data.description !== undefined && { description: data.description }),
      ...(data.teamId !== undefined && { team_id: data.teamId }),
      ...(data.repeatCount !== undefined && { repeat_count: data.repeatCount }),
      ...(data.levels !== undefined && { levels: toJson(storedLevels(data.levels)) }),
      updated_at: ctx.clock.now(),
    });
    const policy = await toPolicy(txCtx, row!);
    await recordAudit(txCtx, {
      action: 'escalation_policy.updated',
      entityType: 'escalation_policy',
      entityId: before.id,
      before: await toPolicy(txCtx, before),
      after: policy,
    });
    return policy;
  });
}

/** Refused while a service pages through the policy; running incidents keep their snapshot. */
export async function deletePolicy(ctx: Ctx, idOrName: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete escalation policies');
  await inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const before = await requirePolicy(txCtx, idOrName);
    const services = await selectServicesUsingPolicy(tx, before.id);
    if (services.length > 0) {
      throw conflict(
        `Escalation policy "${before.name}" is used by ${services.length === 1 ? 'service' : 'services'} ${services.map((s) => s.slug).join(', ')}: ` +
          'move them to another policy first',
        { services },
      );
    }
    const policy = await toPolicy(txCtx, before);
    await deletePolicyRow(tx, before.id);
    await recordAudit(txCtx, {
      action: 'escalation_policy.deleted',
      entityType: 'escalation_policy',
      entityId: before.id,
      before: policy,
    });
  });
}
