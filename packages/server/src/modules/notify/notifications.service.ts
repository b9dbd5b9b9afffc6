/** Reading what was sent, sending a test message, and the vCard of Tocsin's own numbers and addresses. */
import { inTransaction } from '../../db/client.js';
import { AppError, conflict, notFound } from '../../lib/errors.js';
import { requireRole } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { canSeeIncident } from '../incidents/index.js';
import { withDb, type Ctx } from '../context.js';
import type { Notification, NotificationQuery } from './contact-methods.schema.js';
import { requireMethodOf } from './contact-methods.service.js';
import { findChannel } from './delivery/channel-notices.js';
import { queueNotification } from './delivery/jobs.js';
import { requireSelfOrAdmin } from './notify.access.js';
import { keyFor, webhookKeyScope, type NotifyDeps } from './notify.deps.js';
import { findLatestForMethod, selectNotifications, type NotificationRow } from './notifications.repo.js';
import { buildVCard, emailAddressOf } from './vcard.js';

const TEST_EVERY_SECONDS = 60;

const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  incidentId: row.incident_id,
  userId: row.user_id,
  contactMethodId: row.contact_method_id,
  channelId: row.channel_id,
  provider: row.provider,
  error: row.error,
  attempts: row.attempts,
  sendAt: row.send_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

/** An incident's messages for anyone who can read incidents; a person's own messages for them or an admin. */
export async function listNotifications(ctx: Ctx, query: NotificationQuery): Promise<Notification[]> {
  if (query.incidentId) {
    requireRole(ctx.actor, 'viewer', 'see the notifications of incidents');
    // A private incident's messages are its members' business (ADR 18): anyone else is answered
    // as for an incident that does not exist, with none.
    if (!(await canSeeIncident(ctx.db, ctx.actor, query.incidentId))) return [];
  } else if (query.userId) requireSelfOrAdmin(ctx.actor, query.userId, 'see the notifications', 'read');
  else requireRole(ctx.actor, 'admin', 'see every notification');
  return (await selectNotifications(ctx.db, { ...query })).map(toNotification);
}

export async function sendTestNotification(
  ctx: Ctx,
  userId: string,
  contactMethodId: string,
): Promise<{ notificationId: string; status: 'queued' }> {
  requireSelfOrAdmin(ctx.actor, userId, 'send test notifications', 'write');
  return inTransaction(ctx.db, async (tx) => {
    const method = await requireMethodOf(tx, userId, contactMethodId, { forUpdate: true });
    if (!method.verified_at)
      throw conflict(`Contact method ${method.id} is not verified yet: enter the code Tocsin sent to it first`, {
        contactMethodId: method.id,
      });
    if (method.disabled_at)
      throw conflict(`Contact method ${method.id} is disabled: enable it to test it`, { contactMethodId: method.id });
    const now = ctx.clock.now();
    const last = await findLatestForMethod(tx, method.id, 'test');
    if (last && now.getTime() - last.created_at.getTime() < TEST_EVERY_SECONDS * 1000) {
      const wait = Math.ceil((last.created_at.getTime() + TEST_EVERY_SECONDS * 1000 - now.getTime()) / 1000);
      throw new AppError('rate_limited', `A test was sent to this method less than a minute ago: wait ${wait} s`, {
        details: { retryAfterSeconds: wait },
      });
    }
    const row = await queueNotification(tx, ctx.clock, {
      idempotency_key: `test:${method.id}:${now.toISOString()}`,
      kind: 'test',
      incident_id: null,
      user_id: userId,
      contact_method_id: method.id,
      channel_id: null,
      send_at: now,
    });
    await recordAudit(withDb(ctx, tx), {
      action: 'contact_method.tested',
      entityType: 'contact_method',
      entityId: method.id,
    });
    return { notificationId: row!.id, status: 'queued' as const };
  });
}

/** The vCard of the number and address Tocsin pages from, for allow-listing; any signed-in person may have it. */
/** The VAPID public key a browser subscribes to push with (RFC 8292's applicationServerKey). */
export async function getPushPublicKey(ctx: Ctx, deps: NotifyDeps): Promise<{ publicKey: string }> {
  requireRole(ctx.actor, 'stakeholder', 'turn on push notifications');
  return { publicKey: (await deps.vapid()).publicKey };
}

export function getNotifyVCard(ctx: Ctx, deps: NotifyDeps): string {
  requireRole(ctx.actor, 'stakeholder', 'download the vCard');
  const from = deps.settings.email ? emailAddressOf(deps.settings.email.from) : undefined;
  return buildVCard({
    name: 'Tocsin',
    phones: deps.settings.twilio ? [deps.settings.twilio.fromNumber] : [],
    emails: from ? [from] : [],
    url: deps.settings.publicUrl,
    note: 'Tocsin pages you from these numbers and addresses. Save this contact and let it through Do Not Disturb and spam filters so pages reach you.',
  });
}

/** The key a webhook channel's receiver verifies X-Tocsin-Signature with (admins only). */
export async function getChannelSigningSecret(
  ctx: Ctx,
  deps: NotifyDeps,
  channelId: string,
): Promise<{ channelId: string; signingSecret: string }> {
  requireRole(ctx.actor, 'admin', 'read channel signing secrets');
  const channel = await findChannel(ctx.db, ctx.clock, channelId);
  if (!channel) throw notFound('Chat channel', channelId);
  return { channelId: channel.id, signingSecret: await keyFor(deps, webhookKeyScope('channel', channel.id)) };
}
