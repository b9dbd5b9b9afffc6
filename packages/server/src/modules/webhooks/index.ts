/**
 * Webhooks: outbound webhooks. Owns webhook_subscriptions (the URLs an
 * administrator subscribed to incident events, their signing keys derived
 * from the base secret) and webhook_deliveries (what was sent, the log).
 * It plans one delivery per receiving subscription when app/ hands it an
 * incident event, and sends each through the durable queue with notify's
 * outbound-address guard. It never changes an incident.
 */
export {
  listWebhooks,
  getWebhook,
  createWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  listWebhookDeliveries,
  redeliverWebhook,
} from './webhooks.service.js';
export { planWebhookDeliveries, subscriptionsReceiving } from './webhooks.plan.js';
export { deliverWebhook, failWebhookDelivery, isRetryableStatus } from './webhooks.deliver.js';
export {
  WebhookSubscriptionSchema,
  WebhookSubscriptionWithSecretSchema,
  CreateWebhookSchema,
  UpdateWebhookSchema,
  WebhookDeliverySchema,
  WebhookDeliveryPageSchema,
  WebhookDeliveryQuerySchema,
  DeliveryParams,
} from './webhooks.schema.js';
export type {
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookDelivery,
  WebhookDeliveryPage,
} from './webhooks.schema.js';
export {
  WEBHOOK_EVENTS,
  DELIVER_WEBHOOK_JOB,
  WEBHOOK_MAX_ATTEMPTS,
  type WebhookEventName,
  type WebhooksDeps,
  type DeliverWebhookPayload,
} from './webhooks.types.js';
