/**
 * Channel notices: an incident announced in a chat channel (a Slack channel
 * with Acknowledge/Resolve buttons, a Teams card, or a signed webhook), when
 * it triggers on a service that posts notices and when an escalation level
 * targets a channel; for a declared incident announced in a channel, what
 * changed above the card (response-notices.ts). The 'notify.channel' job
 * posts one.
 */
import { inTransaction, toJson, type Db } from '../../../db/client.js';
import type { Clock } from '../../../lib/clock.js';
import { systemActor } from '../../../lib/actor.js';
import { isAppError } from '../../../lib/errors.js';
import { getChannel, type Channel } from '../../channels/index.js';
import { getIncidentSummary, isPrivateIncident, type IncidentSummary } from '../../incidents/index.js';
import { appendTimelineEntry } from '../../timeline/index.js';
import { keyFor, webhookKeyScope, type NotifyDeps } from '../notify.deps.js';
import { findNotification, updateNotificationRow, type NotificationRow } from '../notifications.repo.js';
import type { OutboundMessage } from '../notify.types.js';
import { providerFor } from './compose.js';
import { notifyWriter, planNotification } from './jobs.js';
import { incidentChangeOf, type IncidentChange } from './reasons.js';
import { renderMessage } from './render.js';

export async function planChannelNotices(
  db: Db,
  clock: Clock,
  input: { incidentId: string; channelIds: string[]; keyPrefix: string; change?: IncidentChange },
): Promise<void> {
  for (const channelId of new Set(input.channelIds)) {
    await planNotification(db, clock, {
      idempotency_key: `${input.keyPrefix}:channel:${channelId}`,
      kind: 'channel_notice',
      incident_id: input.incidentId,
      user_id: null,
      contact_method_id: null,
      channel_id: channelId,
      ...(input.change && { details: toJson(input.change) }),
      send_at: clock.now(),
    });
  }
}

export async function findChannel(db: Db, clock: Clock, channelId: string): Promise<Channel | undefined> {
  try {
    return await getChannel({ db, clock, actor: systemActor('notify'), source: 'engine' }, channelId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return undefined;
    throw error;
  }
}

export const channelLabel = (channel: Pick<Channel, 'name' | 'type'>): string =>
  `${channel.name} (${{ slack: 'Slack', teams: 'Teams', webhook: 'webhook' }[channel.type]})`;

/** The notice for a channel as its provider sends it. */
export async function composeForChannel(
  deps: NotifyDeps,
  row: NotificationRow,
  channel: Channel,
  incident: IncidentSummary,
): Promise<OutboundMessage> {
  const change = incidentChangeOf(row.details);
  const message = renderMessage({
    kind: 'channel_notice',
    notificationId: row.id,
    to: channel.target,
    publicUrl: deps.settings.publicUrl,
    incident,
    ...(change && { change }),
  });
  if (channel.type === 'webhook') message.signingKey = await keyFor(deps, webhookKeyScope('channel', channel.id));
  return message;
}

export async function deliverChannelNotice(
  db: Db,
  clock: Clock,
  deps: NotifyDeps,
  notificationId: string,
  attempt: number,
): Promise<void> {
  const decided = await inTransaction(db, async (tx) => {
    const row = await findNotification(tx, notificationId, { forUpdate: true });
    if (!row || row.status !== 'queued' || !row.channel_id || !row.incident_id) return undefined;
    const now = clock.now();
    const channel = await findChannel(tx, clock, row.channel_id);
    const incident = await getIncidentSummary(tx, row.incident_id);
    // A channel is no member of a private incident (ADR 18): it is told nothing, not even that one exists.
    const hidden = await isPrivateIncident(tx, row.incident_id);
    // A change is news even once resolved ("#12 monitoring → resolved by Ada"); the card alone is not.
    if (!channel || !incident || hidden || (incident.status === 'resolved' && !incidentChangeOf(row.details))) {
      await updateNotificationRow(tx, row.id, {
        status: 'skipped',
        error: !channel ? 'The channel was deleted' : hidden ? 'The incident is private' : 'The incident is resolved',
        updated_at: now,
      });
      return undefined;
    }
    await updateNotificationRow(tx, row.id, { attempts: attempt, updated_at: now });
    return { row, channel, incident };
  });
  if (!decided) return;
  const { row, channel, incident } = decided;
  let providerMessageId: string;
  try {
    const message = await composeForChannel(deps, row, channel, incident);
    ({ providerMessageId } = await providerFor(deps, channel.type).send(message, row.idempotency_key));
  } catch (error) {
    await updateNotificationRow(db, row.id, {
      error: (error as Error).message.slice(0, 2000),
      updated_at: clock.now(),
    });
    throw error;
  }
  await inTransaction(db, async (tx) => {
    const now = clock.now();
    const updated = await tx
      .updateTable('notifications')
      .set({
        status: 'sent',
        provider: channel.type,
        provider_message_id: providerMessageId,
        sent_at: now,
        error: null,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await appendTimelineEntry(tx, notifyWriter(clock), incident.id, {
      kind: 'channel_notified',
      message: `Posted to ${channelLabel(channel)}`,
      data: { notificationId: row.id, channelId: channel.id },
    });
  });
}

/** The final failure of a notice: marked failed and written on the timeline (no fallback for channels). */
export async function failChannelNotice(db: Db, clock: Clock, notificationId: string, reason: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await findNotification(tx, notificationId, { forUpdate: true });
    if (!row || row.status !== 'queued') return;
    await updateNotificationRow(tx, row.id, {
      status: 'failed',
      error: reason.slice(0, 2000),
      updated_at: clock.now(),
    });
    const channel = row.channel_id ? await findChannel(tx, clock, row.channel_id) : undefined;
    if (row.incident_id) {
      await appendTimelineEntry(tx, notifyWriter(clock), row.incident_id, {
        kind: 'notification_failed',
        message: `Posting to ${channel ? channelLabel(channel) : 'a chat channel'} failed: ${reason}`,
        data: { notificationId: row.id, channelId: row.channel_id },
      });
    }
  });
}
