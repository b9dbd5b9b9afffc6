/** Use cases on chat channels: the Slack channels, Teams and webhooks incident notices go to. */
import { inTransaction, type Db } from '../../db/client.js';
import { roleAtLeast, scopeAllows } from '../../lib/actor.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { isUuid, newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import { maskTarget, targetProblem } from './channel-target.js';
import {
  deleteChannelRow,
  findChannelRow,
  insertChannel,
  selectChannelReferences,
  selectChannels,
  updateChannelRow,
  type ChannelRow,
} from './channels.repo.js';
import {
  CreateChannelSchema,
  parseChannelInput,
  UpdateChannelSchema,
  type Channel,
  type CreateChannelInput,
  type UpdateChannelInput,
} from './channels.schema.js';

/** Who sees webhook URLs in full: an admin acting with the admin scope (a read-only admin token sees them masked). */
const seesTargets = (ctx: Ctx) =>
  ctx.actor.type === 'system' || (roleAtLeast(ctx.actor.role, 'admin') && scopeAllows(ctx.actor.scopes, 'admin'));

function toChannel(row: ChannelRow, showTarget: boolean): Channel {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    target: showTarget ? row.target : maskTarget(row.type, row.target),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function requireChannel(db: Db, idOrName: string): Promise<ChannelRow> {
  const row = await findChannelRow(db, idOrName);
  if (!row) throw notFound('Chat channel', idOrName);
  return row;
}

async function requireNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const existing = await findChannelRow(db, name);
  if (existing && existing.id !== exceptId) {
    throw conflict(`A chat channel named "${existing.name}" already exists: choose another name`, { name });
  }
}

export async function listChannels(ctx: Ctx): Promise<Channel[]> {
  return (await selectChannels(ctx.db)).map((row) => toChannel(row, seesTargets(ctx)));
}

export async function getChannel(ctx: Ctx, idOrName: string): Promise<Channel> {
  return toChannel(await requireChannel(ctx.db, idOrName), seesTargets(ctx));
}

/** The ids among `ids` that are not chat channels (for modules that refer to channels). */
export async function findMissingChannelIds(db: Db, ids: string[]): Promise<string[]> {
  const found = new Set((await selectChannels(db, ids.filter(isUuid))).map((c) => c.id));
  return ids.filter((id) => !found.has(id));
}

export async function createChannel(ctx: Ctx, input: CreateChannelInput): Promise<Channel> {
  requireRole(ctx.actor, 'admin', 'create chat channels');
  const data = parseChannelInput(CreateChannelSchema, input);
  return inTransaction(ctx.db, async (tx) => {
    await requireNameFree(tx, data.name);
    const now = ctx.clock.now();
    const row = await insertChannel(tx, { id: newId(now), ...data, created_at: now, updated_at: now });
    const channel = toChannel(row, true);
    await recordAudit(withDb(ctx, tx), {
      action: 'channel.created',
      entityType: 'chat_channel',
      entityId: row.id,
      after: channel,
    });
    return channel;
  });
}

export async function updateChannel(ctx: Ctx, idOrName: string, input: UpdateChannelInput): Promise<Channel> {
  requireRole(ctx.actor, 'admin', 'change chat channels');
  const data = parseChannelInput(UpdateChannelSchema, input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await requireChannel(tx, idOrName);
    if (data.name !== undefined) await requireNameFree(tx, data.name, before.id);
    const type = data.type ?? before.type;
    const target = data.target ?? before.target;
    const problem = targetProblem(type, target);
    if (problem) {
      throw new AppError('validation_failed', `Invalid chat channel: target: ${problem}`, {
        details: { issues: [{ path: 'target', message: problem }] },
      });
    }
    const row = await updateChannelRow(tx, before.id, { ...data, updated_at: ctx.clock.now() });
    const channel = toChannel(row!, true);
    await recordAudit(withDb(ctx, tx), {
      action: 'channel.updated',
      entityType: 'chat_channel',
      entityId: before.id,
      before: toChannel(before, true),
      after: channel,
    });
    return channel;
  });
}

/** Refused while a service posts notices to the channel or a policy level targets it. */
export async function deleteChannel(ctx: Ctx, idOrName: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete chat channels');
  await inTransaction(ctx.db, async (tx) => {
    const before = await requireChannel(tx, idOrName);
    const used = await selectChannelReferences(tx, before.id);
    if (used.services.length > 0 || used.policies.length > 0) {
      const by = [
        ...(used.services.length ? [`services ${used.services.join(', ')}`] : []),
        ...(used.policies.length ? [`escalation policies ${used.policies.map((p) => `"${p}"`).join(', ')}`] : []),
      ];
      throw conflict(`Chat channel "${before.name}" is used by ${by.join(' and ')}: remove it from them first`, used);
    }
    await deleteChannelRow(tx, before.id);
    await recordAudit(withDb(ctx, tx), {
      action: 'channel.deleted',
      entityType: 'chat_channel',
      entityId: before.id,
      before: toChannel(before, true),
    });
  });
}
