/**
 * Use cases on integration keys: the addresses alerts arrive at. A routing
 * key is 32 random hex characters, like PagerDuty's integration keys, so any
 * tool that pages PagerDuty can page Tocsin. Rotating gives a new one; the
 * old one stops working at once, on every node (routing-cache.ts). A
 * heartbeat key also gets its heartbeat.
 */
import { randomBytes } from 'node:crypto';
import { inTransaction, toJson, type Tx } from '../../db/client.js';
import type { IntegrationType } from '../../db/schema.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { withDb, type Ctx } from '../context.js';
import {
  deleteKeyRow,
  findKey,
  findKeyByName,
  insertKey,
  selectKeys,
  updateKeyRow,
  type IntegrationKeyRow,
} from './integration-keys.repo.js';
import { insertHeartbeat, selectHeartbeats, updateHeartbeatInterval } from './heartbeats.repo.js';
import {
  CreateIntegrationKeySchema,
  DEFAULT_KEY_NAMES,
  SETTINGS_SCHEMAS,
  UpdateIntegrationKeySchema,
  type CreateIntegrationKeyInput,
  type IntegrationKeyRecord,
  type UpdateIntegrationKeyInput,
} from './integration-keys.schema.js';
import { findServiceRef, parseServiceInput } from '../services/index.js';
import { keysChangedHere } from './routing-cache.js';

/** 128 random bits as 32 lowercase hex characters. */
export const newRoutingKey = (): string => randomBytes(16).toString('hex');

async function toRecords(ctx: Ctx, rows: IntegrationKeyRow[]): Promise<IntegrationKeyRecord[]> {
  const heartbeats = new Map(
    (
      await selectHeartbeats(
        ctx.db,
        rows.filter((r) => r.type === 'heartbeat').map((r) => r.id),
      )
    ).map((h) => [h.integration_key_id, h]),
  );
  return rows.map((row) => {
    const heartbeat = heartbeats.get(row.id);
    return {
      id: row.id,
      serviceId: row.service_id,
      type: row.type,
      name: row.name,
      routingKey: row.routing_key,
      settings: row.settings as Record<string, unknown>,
      heartbeat: heartbeat
        ? {
            intervalSeconds: heartbeat.interval_seconds,
            lastPingAt: heartbeat.last_ping_at?.toISOString() ?? null,
            nextDueAt: heartbeat.next_due_at?.toISOString() ?? null,
            isFailing: heartbeat.is_failing,
          }
        : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

async function toRecord(ctx: Ctx, row: IntegrationKeyRow): Promise<IntegrationKeyRecord> {
  const [record] = await toRecords(ctx, [row]);
  return record!;
}

/** What the audit log keeps of a key: never the whole routing key. */
const audited = (key: IntegrationKeyRecord) => ({
  id: key.id,
  serviceId: key.serviceId,
  type: key.type,
  name: key.name,
  settings: key.settings,
  routingKeyEnd: key.routingKey.slice(-4),
});

async function requireServiceId(ctx: Ctx, idOrSlug: string, lock: boolean): Promise<{ id: string; slug: string }> {
  const row = await findServiceRef(ctx.db, idOrSlug, { lock });
  if (!row) throw notFound('Service', idOrSlug);
  return row;
}

async function requireKey(ctx: Ctx, service: { id: string; slug: string }, keyId: string): Promise<IntegrationKeyRow> {
  const row = await findKey(ctx.db, service.id, keyId);
  if (!row) throw notFound(`Integration key of service ${service.slug}`, keyId);
  return row;
}

async function requireNameFree(
  ctx: Ctx,
  service: { id: string; slug: string },
  type: IntegrationType,
  name: string,
  exceptId?: string,
): Promise<void> {
  const existing = await findKeyByName(ctx.db, service.id, type, name);
  if (existing && existing.id !== exceptId) {
    throw conflict(
      `Service ${service.slug} already has a ${type} key named "${existing.name}": give this one another name`,
      { name, type },
    );
  }
}

/** A change to existing keys: this node forgets the keys it remembers once it commits (the others when they hear of it). */
async function changingKeys<T>(ctx: Ctx, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await inTransaction(ctx.db, work);
  keysChangedHere(ctx.db);
  return result;
}

/** Routing keys let anyone who holds them page people, so reading them takes the responder role. */
export async function listIntegrationKeys(ctx: Ctx, serviceIdOrSlug: string): Promise<IntegrationKeyRecord[]> {
  requireRole(ctx.actor, 'responder', 'read integration keys');
  const service = await requireServiceId(ctx, serviceIdOrSlug, false);
  return toRecords(ctx, await selectKeys(ctx.db, [service.id]));
}

export async function createIntegrationKey(
  ctx: Ctx,
  serviceIdOrSlug: string,
  input: CreateIntegrationKeyInput,
): Promise<IntegrationKeyRecord> {
  requireRole(ctx.actor, 'admin', 'create integration keys');
  const data = parseServiceInput(CreateIntegrationKeySchema, input, 'integration key');
  const name = data.name ?? DEFAULT_KEY_NAMES[data.type];
  return inTransaction(ctx.db, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceId(txCtx, serviceIdOrSlug, true);
    await requireNameFree(txCtx, service, data.type, name);
    const now = ctx.clock.now();
    const row = await insertKey(tx, {
      id: newId(now),
      service_id: service.id,
      type: data.type,
      name,
      routing_key: newRoutingKey(),
      settings: toJson(data.settings),
      created_at: now,
      updated_at: now,
    });
    if (data.type === 'heartbeat') {
      const intervalSeconds = data.settings.intervalSeconds;
      await insertHeartbeat(tx, {
        integration_key_id: row.id,
        interval_seconds: intervalSeconds,
        last_ping_at: null,
        next_due_at: new Date(now.getTime() + intervalSeconds * 1000),
        is_failing: false,
      });
    }
    const key = await toRecord(txCtx, row);
    await recordAudit(txCtx, {
      action: 'integration_key.created',
      entityType: 'integration_key',
      entityId: row.id,
      after: audited(key),
    });
    return key;
  });
}

/** Renames a key or replaces its settings (checked against its type); the routing key stays. */
export async function updateIntegrationKey(
  ctx: Ctx,
  serviceIdOrSlug: string,
  keyId: string,
  input: UpdateIntegrationKeyInput,
): Promise<IntegrationKeyRecord> {
  requireRole(ctx.actor, 'admin', 'change integration keys');
  const data = parseServiceInput(UpdateIntegrationKeySchema, input, 'integration key');
  return changingKeys(ctx, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceId(txCtx, serviceIdOrSlug, true);
    const before = await toRecord(txCtx, await requireKey(txCtx, service, keyId));
    if (data.name !== undefined) await requireNameFree(txCtx, service, before.type, data.name, before.id);
    const settings =
      data.settings === undefined
        ? undefined
        : parseServiceInput(SETTINGS_SCHEMAS[before.type], data.settings, `${before.type} key settings`);
    const now = ctx.clock.now();
    const row = await updateKeyRow(tx, before.id, {
      ...(data.name !== undefined && { name: data.name }),
      ...(settings !== undefined && { settings: toJson(settings) }),
      updated_at: now,
    });
    if (before.type === 'heartbeat' && settings && settings.intervalSeconds !== before.heartbeat?.intervalSeconds) {
      await updateHeartbeatInterval(tx, before.id, settings.intervalSeconds as number, now);
    }
    const key = await toRecord(txCtx, row);
    await recordAudit(txCtx, {
      action: 'integration_key.updated',
      entityType: 'integration_key',
      entityId: before.id,
      before: audited(before),
      after: audited(key),
    });
    return key;
  });
}

/** A new routing key; senders using the old one get "unknown routing key" from then on. */
export async function rotateIntegrationKey(
  ctx: Ctx,
  serviceIdOrSlug: string,
  keyId: string,
): Promise<IntegrationKeyRecord> {
  requireRole(ctx.actor, 'admin', 'rotate integration keys');
  return changingKeys(ctx, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceId(txCtx, serviceIdOrSlug, true);
    const before = await toRecord(txCtx, await requireKey(txCtx, service, keyId));
    const key = await toRecord(
      txCtx,
      await updateKeyRow(tx, before.id, { routing_key: newRoutingKey(), updated_at: ctx.clock.now() }),
    );
    await recordAudit(txCtx, {
      action: 'integration_key.rotated',
      entityType: 'integration_key',
      entityId: before.id,
      before: audited(before),
      after: audited(key),
    });
    return key;
  });
}

export async function deleteIntegrationKey(ctx: Ctx, serviceIdOrSlug: string, keyId: string): Promise<void> {
  requireRole(ctx.actor, 'admin', 'delete integration keys');
  await changingKeys(ctx, async (tx) => {
    const txCtx = withDb(ctx, tx);
    const service = await requireServiceId(txCtx, serviceIdOrSlug, true);
    const before = await toRecord(txCtx, await requireKey(txCtx, service, keyId));
    await deleteKeyRow(tx, before.id);
    await recordAudit(txCtx, {
      action: 'integration_key.deleted',
      entityType: 'integration_key',
      entityId: before.id,
      before: audited(before),
    });
  });
}
