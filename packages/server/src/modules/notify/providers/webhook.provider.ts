/**
 * Generic webhooks: the message as JSON, POSTed to the contact method's (or
 * channel's) URL, signed so the receiver can trust it:
 *   X-Tocsin-Signature: t=<unix>,v1=<hex HMAC-SHA256(key, "t.body")>
 *   X-Tocsin-Timestamp: <unix>
 *   Idempotency-Key: <key>   (the same on every retry of one message)
 * Any 2xx is success; anything else, or no answer in time, is an error.
 */
import type { Clock } from '../../../lib/clock.js';
import type { NotificationProvider, OutboundMessage } from '../notify.types.js';
import { fetchWithTimeout, ProviderError, userChosenDestination } from './provider-error.js';
import { webhookSignature } from './webhook-signature.js';

const EVENT_TYPE: Record<OutboundMessage['kind'], string> = {
  page: 'incident.page',
  bundle: 'incident.bundle',
  channel_notice: 'incident.notice',
  test: 'notification.test',
  verification: 'contact_method.verification',
  handoff: 'schedule.handoff',
};

export function webhookBody(message: OutboundMessage, idempotencyKey: string, sentAt: Date): Record<string, unknown> {
  const actionUrl = (action: string) => message.actions.find((a) => a.action === action)?.url ?? null;
  return {
    type: EVENT_TYPE[message.kind],
    notificationId: message.notificationId,
    idempotencyKey,
    sentAt: sentAt.toISOString(),
    subject: message.subject,
    text: message.text,
    incident: message.incident ?? null,
    // Why it was sent beyond "the incident needs you": a role, a hand-off asked, a reminder, a change (ADR 17).
    headline: message.headline ?? null,
    reason: message.why ?? null,
    actions: { acknowledge: actionUrl('acknowledge'), resolve: actionUrl('resolve') },
    ...(message.bundle && { incidents: message.bundle.map((item) => item.incident) }),
    ...(message.verificationCode && { verificationCode: message.verificationCode }),
  };
}

export function createWebhookProvider(
  clock: Clock,
  timeoutMs: number,
  options: { allowPrivateAddresses: boolean },
): NotificationProvider {
  return {
    type: 'webhook',
    async send(message, idempotencyKey) {
      if (!message.signingKey)
        throw new ProviderError('webhook', `Webhook message ${message.notificationId} has no signing key`);
      const destination = userChosenDestination('webhook', message.to, options.allowPrivateAddresses);
      const now = clock.now();
      const body = JSON.stringify(webhookBody(message, idempotencyKey, now));
      const t = Math.floor(now.getTime() / 1000);
      const response = await fetchWithTimeout(
        'webhook',
        `The webhook at ${new URL(message.to).host}`,
        message.to,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Tocsin-Webhook/1',
            'x-tocsin-signature': webhookSignature(message.signingKey, t, body),
            'x-tocsin-timestamp': String(t),
            'idempotency-key': idempotencyKey,
          },
          body,
        },
        timeoutMs,
        destination,
      );
      const text = await response.text().catch(() => '');
      if (!response.ok) {
        throw new ProviderError(
          'webhook',
          `The webhook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
          { status: response.status },
        );
      }
      return { providerMessageId: response.headers.get('x-request-id') ?? idempotencyKey };
    },
  };
}
