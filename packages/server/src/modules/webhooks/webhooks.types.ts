/** The incident events a subscription can receive, and what the module needs besides a Ctx. */

/** Every incident event sent to subscribers, by the name it is published under (db/events.ts). */
export const WEBHOOK_EVENTS = [
  'IncidentTriggered',
  'IncidentAcknowledged',
  'IncidentResolved',
  'IncidentDeclared',
  'IncidentSeverityChanged',
  'IncidentStageChanged',
  'IncidentRoleEngaged',
  'IncidentHandoffRequested',
  'IncidentMerged',
  'IncidentOwnerChanged',
  'IncidentStatusUpdated',
  'IncidentCategoryChanged',
  'IncidentImpactedServicesChanged',
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** What every incident event carries that a delivery needs. */
export interface IncidentEventPayload {
  incidentId: string;
}

/** Built once per process by the composition root. */
export interface WebhooksDeps {
  /** The key one purpose signs with, derived from the base secret (notify's keyFor). */
  signingKey(purpose: `webhook:${string}`): Promise<string>;
  /** Whether deliveries may go to loopback and private addresses (TOCSIN_WEBHOOKS_ALLOW_PRIVATE); off by default. */
  allowPrivateAddresses: boolean;
  /** Real milliseconds a receiver has to answer. */
  timeoutMs: number;
}

/** The purpose a subscription's key is derived for: a rotation bumps the version, so the old key stops signing. */
export const subscriptionKeyPurpose = (id: string, version: number): `webhook:${string}` =>
  `webhook:subscription:${id}:v${version}`;

export const DELIVER_WEBHOOK_JOB = 'webhooks.deliver';

export interface DeliverWebhookPayload {
  deliveryId: string;
}

/** Retries on 5xx, timeouts and connection errors: 8 attempts, about 20 minutes of backoff (10 s doubling), before giving up. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
