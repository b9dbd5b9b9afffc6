/**
 * Builds the providers a deployment has: email when an SMTP transport is
 * given, SMS and voice when Twilio is configured, Slack when its bot token
 * is, webhooks, Teams and Web Push always (they need nothing but a URL; push
 * makes its own VAPID keys).
 */
import type { Clock } from '../../../lib/clock.js';
import type { MailTransport, NotifySettings, ProviderRegistry } from '../notify.types.js';
import type { VapidSource } from '../vapid-keys.js';
import { createEmailProvider } from './email.provider.js';
import { createPushProvider } from './push.provider.js';
import { createSlackProvider } from './slack.provider.js';
import { createTeamsProvider } from './teams.provider.js';
import { createTwilioSmsProvider, createTwilioVoiceProvider } from './twilio.provider.js';
import { createWebhookProvider } from './webhook.provider.js';

export function createProviders(
  settings: NotifySettings,
  clock: Clock,
  mail: MailTransport | undefined,
  vapid: VapidSource,
): ProviderRegistry {
  const timeoutMs = settings.sendTimeoutMs;
  const registry: ProviderRegistry = {
    webhook: createWebhookProvider(clock, timeoutMs, { allowPrivateAddresses: settings.allowPrivateWebhooks }),
    teams: createTeamsProvider(timeoutMs, { allowPrivateAddresses: settings.allowPrivateWebhooks }),
    push: createPushProvider({ contact: settings.pushContact, publicUrl: settings.publicUrl }, vapid, timeoutMs, {
      allowPrivateAddresses: settings.allowPrivateWebhooks,
    }),
  };
  if (settings.email && mail) registry.email = createEmailProvider(settings.email, mail, timeoutMs);
  if (settings.twilio) {
    registry.sms = createTwilioSmsProvider(settings.twilio, timeoutMs);
    registry.voice = createTwilioVoiceProvider(settings.twilio, timeoutMs);
  }
  if (settings.slack) {
    const slack = createSlackProvider(settings.slack, timeoutMs);
    registry.slack = slack;
    registry.slackUpdater = slack;
  }
  return registry;
}
