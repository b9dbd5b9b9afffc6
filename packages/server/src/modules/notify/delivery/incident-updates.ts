/**
 * Keeping Slack messages true: when an incident is acknowledged or resolved,
 * every Slack message about it (direct pages and channel notices) is updated
 * to show the new status, and its buttons shrink to what still applies.
 */
import type { Db } from '../../../db/client.js';
import { enqueueJob } from '../../../db/outbox.js';
import type { Clock } from '../../../lib/clock.js';
import { getIncidentSummary, isPrivateIncident } from '../../incidents/index.js';
import { findContactMethod } from '../contact-methods.repo.js';
import type { NotifyDeps } from '../notify.deps.js';
import { findNotification, selectSlackMessages } from '../notifications.repo.js';
import { ProviderError } from '../providers/provider-error.js';
import { findChannel, composeForChannel } from './channel-notices.js';
import { SLACK_UPDATE_JOB } from './jobs.js';
import { pageReasonOf } from './reasons.js';
import { renderMessage } from './render.js';

export interface SlackUpdatePayload {
  notificationId: string;
}

/** Queues an update of each Slack message about the incident (inside the event's transaction). */
export async function planSlackUpdates(db: Db, clock: Clock, incidentId: string, status: string): Promise<void> {
  for (const row of await selectSlackMessages(db, incidentId)) {
    await enqueueJob(
      db,
      {
        kind: SLACK_UPDATE_JOB,
        key: `${SLACK_UPDATE_JOB}:${row.id}:${status}`,
        payload: { notificationId: row.id } satisfies SlackUpdatePayload,
        runAt: clock.now(),
        maxAttempts: 5,
      },
      clock.now(),
    );
  }
}

export async function updateSlackMessage(
  db: Db,
  clock: Clock,
  deps: NotifyDeps,
  notificationId: string,
): Promise<void> {
  const updater = deps.providers.slackUpdater;
  if (!updater)
    throw new ProviderError('slack', 'Slack is not configured on this server, so its messages cannot be updated');
  const row = await findNotification(db, notificationId);
  if (!row?.incident_id || !row.provider_message_id) return;
  const incident = await getIncidentSummary(db, row.incident_id);
  if (!incident) return;
  if (row.channel_id) {
    const channel = await findChannel(db, clock, row.channel_id);
    // A notice sent before the incident became private keeps what it said, and learns nothing new (ADR 18).
    if (!channel || (await isPrivateIncident(db, incident.id))) return;
    await updater.update(row.provider_message_id, await composeForChannel(deps, row, channel, incident));
    return;
  }
  const method = row.contact_method_id ? await findContactMethod(db, row.contact_method_id) : undefined;
  if (!method) return;
  // The buttons act as whoever clicks, so a DM needs no signed links to stay useful; it keeps saying why.
  const reason = pageReasonOf(row.details);
  await updater.update(
    row.provider_message_id,
    renderMessage({
      kind: 'page',
      notificationId: row.id,
      to: method.address,
      publicUrl: deps.settings.publicUrl,
      incident,
      ...(reason && { reason }),
    }),
  );
}
