/**
 * Slack through its Web API: chat.postMessage (a channel id for notices, a
 * member id for a direct message) and chat.update once the incident moves on.
 * Bearer bot token, JSON bodies; Slack answers 200 with {"ok":false,"error"}
 * when it refuses. Slack has no idempotency field: the key rides in message
 * metadata, where it can be found again.
 */
import type { MessageUpdater, NotificationProvider, OutboundMessage } from '../notify.types.js';
import { fetchWithTimeout, ProviderError } from './provider-error.js';
import { slackBlocks } from './slack-blocks.js';

export interface SlackSettings {
  botToken: string;
  baseUrl: string;
}

async function callSlack(
  settings: SlackSettings,
  method: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const response = await fetchWithTimeout(
    'slack',
    `Slack (${method})`,
    `${settings.baseUrl}/${method}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    },
    timeoutMs,
  );
  if (response.status === 429) {
    throw new ProviderError(
      'slack',
      `Slack is rate limiting ${method} (retry after ${response.headers.get('retry-after') ?? '?'} s)`,
      { status: 429 },
    );
  }
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ProviderError(
      'slack',
      `Slack (${method}) answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`,
      { status: response.status },
    );
  }
  if (json.ok !== true) {
    const error = typeof json.error === 'string' ? json.error : `HTTP ${response.status}`;
    throw new ProviderError('slack', `Slack refused ${method}: ${error}`, {
      status: response.status,
      vendorCode: error,
    });
  }
  return json;
}

const payload = (message: OutboundMessage) => ({
  text: message.text.slice(0, 3000),
  blocks: slackBlocks(message),
  unfurl_links: false,
});

export function createSlackProvider(settings: SlackSettings, timeoutMs: number): NotificationProvider & MessageUpdater {
  return {
    type: 'slack',
    async send(message, idempotencyKey) {
      const json = await callSlack(
        settings,
        'chat.postMessage',
        {
          channel: message.to,
          ...payload(message),
          metadata: {
            event_type: 'tocsin_notification',
            event_payload: { idempotency_key: idempotencyKey, notification_id: message.notificationId },
          },
        },
        timeoutMs,
      );
      if (typeof json.channel !== 'string' || typeof json.ts !== 'string') {
        throw new ProviderError('slack', 'Slack accepted chat.postMessage but returned no channel and ts');
      }
      return { providerMessageId: `${json.channel}:${json.ts}` };
    },
    async update(providerMessageId, message) {
      const [channel, ts] = providerMessageId.split(':');
      if (!channel || !ts)
        throw new ProviderError('slack', `Cannot update Slack message "${providerMessageId}": expected "channel:ts"`);
      await callSlack(settings, 'chat.update', { channel, ts, ...payload(message) }, timeoutMs);
    },
  };
}
