/**
 * The source: what an actor did something through (the web UI, an API token,
 * the CLI, a link in an email, a push notification's button, a reply to an SMS, a chat button, a phone
 * keypress, the engine on its own, an integration sending alerts). The HTTP
 * layer and the inbound routes know it; use cases receive it in their Ctx and
 * the incident timeline keeps it on every entry.
 */

export const SOURCES = [
  'web',
  'api',
  'cli',
  'email_link',
  'push',
  'sms_reply',
  'slack',
  'teams',
  'voice',
  'engine',
  'ingest',
] as const;

export type Source = (typeof SOURCES)[number];
