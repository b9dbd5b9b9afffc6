/**
 * Web Push (RFC 8030) to a browser's push subscription: the message as a
 * small JSON payload, encrypted to the subscription's keys (RFC 8291,
 * aes128gcm) and signed with this deployment's VAPID key (RFC 8292) by the
 * `web-push` library; the request itself goes through the same guarded,
 * deadline-bound fetch as webhooks (the endpoint is user-chosen). The
 * service worker (packages/web/public/sw.js) shows it, with Acknowledge,
 * Resolve and Open acting through the signed links of ADR 11.
 */
import webPush from 'web-push';
import type { NotificationProvider, OutboundMessage } from '../notify.types.js';
import type { VapidSource } from '../vapid-keys.js';
import { fetchWithTimeout, ProviderError, userChosenDestination } from './provider-error.js';

/** What the service worker receives (and shows). */
export interface PushPayload {
  kind: OutboundMessage['kind'];
  notificationId: string;
  title: string;
  body: string;
  /** One notification per incident: a later page replaces an earlier one. */
  tag: string;
  /** Where a tap (or Open) goes. */
  url: string;
  incidentId: string | null;
  /** Signed links (ADR 11): the worker POSTs one to act. */
  actions: Array<{ action: 'acknowledge' | 'resolve'; title: string; url: string }>;
}

/** Push services take about 4 KB once encrypted; the body is kept well under it. */
const MAX_BODY = 700;
const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function pushPayload(message: OutboundMessage, publicUrl: string): PushPayload {
  const { incident } = message;
  const alert = incident?.alert;
  const facts = incident
    ? [
        incident.serviceName,
        ...(incident.response ? [incident.response.severity] : []),
        ...(alert ? [`${alert.severity} from ${alert.source}`] : [`${incident.urgency} urgency`]),
      ].join(' · ')
    : undefined;
  const details = alert ? alert.details.slice(0, 3).map(({ key, value }) => `${key}: ${value}`) : [];
  const body = incident
    ? [message.headline, facts, ...details].filter((line): line is string => Boolean(line)).join('\n')
    : message.shortText;
  return {
    kind: message.kind,
    notificationId: message.notificationId,
    title: incident ? clip(`#${incident.number} ${incident.title}`, 120) : message.subject.replace(/^\[Tocsin\] /, ''),
    body: clip(body, MAX_BODY),
    tag: incident ? `tocsin-incident-${incident.id}` : `tocsin-${message.notificationId}`,
    url: incident?.url ?? message.links[0]?.url ?? `${publicUrl}/app`,
    incidentId: incident?.id ?? null,
    actions: message.actions.filter((a) => a.url).map((a) => ({ action: a.action, title: a.label, url: a.url! })),
  };
}

export function createPushProvider(
  settings: { contact: string; publicUrl: string },
  vapid: VapidSource,
  timeoutMs: number,
  options: { allowPrivateAddresses: boolean },
): NotificationProvider {
  return {
    type: 'push',
    async send(message, idempotencyKey) {
      if (!message.pushKeys)
        throw new ProviderError('push', `Push message ${message.notificationId} has no subscription keys`);
      const destination = userChosenDestination('push', message.to, options.allowPrivateAddresses);
      const keys = await vapid();
      const payload = JSON.stringify(pushPayload(message, settings.publicUrl));
      const request = webPush.generateRequestDetails({ endpoint: message.to, keys: message.pushKeys }, payload, {
        vapidDetails: { subject: settings.contact, publicKey: keys.publicKey, privateKey: keys.privateKey },
        // A page is worth waking a phone for and is stale after an hour; a test or a code can wait.
        TTL: message.kind === 'page' ? 3600 : 86_400,
        urgency: message.kind === 'page' || message.kind === 'verification' ? 'high' : 'normal',
        contentEncoding: 'aes128gcm',
      });
      const response = await fetchWithTimeout(
        'push',
        `The push service at ${new URL(message.to).host}`,
        request.endpoint,
        {
          method: request.method as 'POST',
          headers: request.headers as Record<string, string>,
          body: new Uint8Array(request.body as Buffer),
        },
        timeoutMs,
        destination,
      );
      const text = await response.text().catch(() => '');
      if (response.status === 404 || response.status === 410)
        throw new ProviderError(
          'push',
          `The push subscription is gone (${response.status}): turn push notifications on again on that device`,
          { status: response.status },
        );
      if (!response.ok)
        throw new ProviderError(
          'push',
          `The push service answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
          { status: response.status },
        );
      return { providerMessageId: response.headers.get('location') ?? idempotencyKey };
    },
  };
}
