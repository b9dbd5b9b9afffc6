/** Status page subscribers: the job kinds, what sending needs, and the state labels mail text uses. */
import type { MailTransport } from '../notify/index.js';
import { STATE_DEFINITIONS } from './statuspages.types.js';

/** Queued by migration 0020's trigger for every row of status_page_incident_updates (keep the two equal). */
export const FAN_OUT_JOB = 'statuspages.fan-out';
/** One message to one recipient about one update (lease mode: an external call). */
export const DELIVER_UPDATE_JOB = 'statuspages.deliver';
/** The double opt-in mail to an address that signed up. */
export const CONFIRM_MAIL_JOB = 'statuspages.confirm-mail';
export const SUBSCRIBER_MAX_ATTEMPTS = 8;

export interface FanOutPayload {
  updateId: string;
}
export interface DeliverUpdatePayload {
  deliveryId: string;
}
export interface ConfirmMailPayload {
  subscriberId: string;
  /** The sign-up this mail answers (a newer one replaces it). */
  requestedAt: number;
}

/** What sending to subscribers needs besides the database (built by app/wiring). */
export interface SubscribersDeps {
  publicUrl: string;
  /** Signs the confirmation and unsubscribe links. */
  linkKey(): Promise<string>;
  /** A webhook subscriber's signing key (the webhooks module's scheme). */
  signingKey(purpose: `webhook:${string}`): Promise<string>;
  /** Absent when no SMTP server is configured: email sign-up is then refused. */
  mail: { from: string; transport: MailTransport } | undefined;
  allowPrivateAddresses: boolean;
  timeoutMs: number;
}

export const subscriberKeyPurpose = (id: string, version: number): `webhook:${string}` =>
  `webhook:status-page-subscriber:${id}:v${version}`;

/**
 * The words for a page update's state in messages. Known states use their
 * definitions; any other (maintenance's scheduled, in_progress, completed ...)
 * is its key in words, so a new state never needs this file changed.
 */
export function stateLabel(state: string): string {
  const known = (STATE_DEFINITIONS as Record<string, { label: string } | undefined>)[state];
  if (known) return known.label;
  const words = state.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
