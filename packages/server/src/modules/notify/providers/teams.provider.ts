/**
 * Microsoft Teams channel notices: an Adaptive Card in a "message" envelope,
 * POSTed to the channel's incoming-webhook (Workflows) URL. Teams cannot call
 * back, so the card links to the incident page rather than carrying buttons
 * that act.
 */
import type { NotificationProvider, OutboundMessage } from '../notify.types.js';
import { fetchWithTimeout, ProviderError, userChosenDestination } from './provider-error.js';

export function teamsCard(message: OutboundMessage): Record<string, unknown> {
  const incident = message.incident;
  const response = incident?.response;
  const facts = incident
    ? [
        ...(response
          ? [
              { title: 'Severity', value: `${response.severity}${response.nearMiss ? ' (near miss)' : ''}` },
              { title: 'Stage', value: response.stage },
              { title: 'Owner', value: response.owner ?? 'nobody yet' },
            ]
          : []),
        { title: 'Service', value: incident.serviceName },
        { title: 'Urgency', value: incident.urgency },
        { title: 'Status', value: incident.status },
      ]
    : [];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            ...(facts.length > 0
              ? [{ type: 'FactSet', facts }]
              : [{ type: 'TextBlock', text: message.text, wrap: true }]),
          ],
          actions: message.links.map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url })),
        },
      },
    ],
  };
}

export function createTeamsProvider(
  timeoutMs: number,
  options: { allowPrivateAddresses: boolean },
): NotificationProvider {
  return {
    type: 'teams',
    async send(message, idempotencyKey) {
      const destination = userChosenDestination('teams', message.to, options.allowPrivateAddresses);
      const response = await fetchWithTimeout(
        'teams',
        'The Teams webhook',
        message.to,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(teamsCard(message)),
        },
        timeoutMs,
        destination,
      );
      const text = await response.text().catch(() => '');
      if (!response.ok)
        throw new ProviderError('teams', `Teams answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`, {
          status: response.status,
        });
      return { providerMessageId: idempotencyKey };
    },
  };
}
