/**
 * Shapes notify works with: contact methods, the message every provider
 * receives, the provider interface, and the settings the composition root
 * hands in (notify never reads the deployment config itself).
 */
import type { AlertContext } from '../alerts/index.js';
import type { Urgency } from '../services/index.js';
import type { IncidentChange, PageReason } from './delivery/reasons.js';

export type ContactMethodType = 'email' | 'sms' | 'voice' | 'slack' | 'webhook' | 'push';
export const CONTACT_METHOD_TYPES: readonly ContactMethodType[] = ['email', 'sms', 'voice', 'slack', 'webhook', 'push'];

/** A browser's push subscription keys (RFC 8291): its P-256 public key and auth secret, base64url. */
export interface PushKeys {
  p256dh: string;
  auth: string;
}

/** A contact method type, or a chat channel's: what a provider delivers to. */
export type ProviderType = ContactMethodType | 'teams';

export type NotificationKind = 'page' | 'bundle' | 'test' | 'verification' | 'channel_notice' | 'handoff';

export type NotificationStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'bundled';

export type IncidentAction = 'acknowledge' | 'resolve';

/** The incident as a message shows it. */
export interface MessageIncident {
  id: string;
  number: number;
  title: string;
  status: string;
  urgency: Urgency;
  serviceName: string;
  /** The incident's page in the web UI. */
  url: string;
  /** A declared incident's severity, stage and owner's name (ADR 17); absent when it is only paged. */
  response?: { severity: string; stage: string; nearMiss: boolean; owner: string | null };
  /** The newest alert behind a page: summary, source, severity, key details, the monitor's links. */
  alert?: AlertContext;
}

/** One incident in a bundled summary. */
export interface BundledItem {
  incident: MessageIncident;
  actions: MessageAction[];
}

/** An affordance: a signed link (email, webhook, Teams) or a button value (Slack). */
export interface MessageAction {
  action: IncidentAction;
  label: string;
  /** Signed link that opens the confirmation page; absent for channel notices. */
  url?: string;
}

/**
 * What a provider sends: rendered once by notify, shaped per vendor by each
 * provider (an email, an SMS body, a TwiML call, Slack blocks, JSON).
 */
export interface OutboundMessage {
  kind: NotificationKind;
  notificationId: string;
  /** Email address, E.164 number, Slack user or channel id, or URL. */
  to: string;
  subject: string;
  /** The full plain-text body (email, Slack fallback text, webhook). */
  text: string;
  /** The short form for SMS and speech. */
  shortText: string;
  links: Array<{ label: string; url: string }>;
  actions: MessageAction[];
  incident?: MessageIncident;
  /** Why this message was sent, in one sentence, when it is more than "the incident needs you" (a role, a change). */
  headline?: string;
  /** What the person can do about it (a hand-off's note and where to accept), shown under the headline. */
  nextStep?: string;
  /** The same, structured, for receivers that read JSON (webhooks). */
  why?: PageReason | IncidentChange;
  bundle?: BundledItem[];
  /** Verification messages carry the code (webhook receivers read it from JSON). */
  verificationCode?: string;
  /** Voice: where Twilio fetches the call's TwiML (pages); inline TwiML is built from shortText otherwise. */
  voiceUrl?: string;
  /** Twilio status callbacks for this message. */
  statusCallbackUrl?: string;
  /** Webhook signing key for this destination. */
  signingKey?: string;
  /** Push: the subscription's keys the payload is encrypted to. */
  pushKeys?: PushKeys;
}

export interface SendResult {
  /** The vendor's id for what it accepted (Twilio SID, Slack "channel:ts", SMTP Message-ID). */
  providerMessageId: string;
}

/**
 * A way of reaching someone. `send` either resolves with the vendor's message
 * id or throws an Error whose message is the vendor's own explanation.
 * `idempotencyKey` is passed to the vendor where its API has a place for it.
 */
export interface NotificationProvider {
  readonly type: ProviderType;
  send(message: OutboundMessage, idempotencyKey: string): Promise<SendResult>;
}

/** Updates a message already posted (a Slack notice once the incident is acknowledged). */
export interface MessageUpdater {
  update(providerMessageId: string, message: OutboundMessage): Promise<void>;
}

export type ProviderRegistry = Partial<Record<ProviderType, NotificationProvider>> & { slackUpdater?: MessageUpdater };

/** Sends one email; the composition root backs it with a real SMTP client. */
export interface MailTransport {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<{ messageId: string }>;
}

/** Everything notify needs to know about the deployment. */
export interface NotifySettings {
  publicUrl: string;
  /** Signs action links and webhooks; when unset one is generated and kept in the database. */
  secretKey: string | undefined;
  email: { from: string } | undefined;
  twilio: { accountSid: string; authToken: string; fromNumber: string; baseUrl: string } | undefined;
  slack: { botToken: string; signingSecret: string; baseUrl: string } | undefined;
  throttle: ThrottleSettings;
  /** Real milliseconds a provider call may take. */
  sendTimeoutMs: number;
  /** Whether webhooks may go to loopback and private addresses (lib/outbound-address.ts); off by default. */
  allowPrivateWebhooks: boolean;
  /** Who push services may contact about Tocsin's pushes (VAPID "sub", RFC 8292): a mailto: or https: URL. */
  pushContact: string;
}

export interface ThrottleSettings {
  /** Messages one contact method may receive within a window before the rest are bundled. */
  maxPerWindow: number;
  windowMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { maxPerWindow: 3, windowMinutes: 5 };
