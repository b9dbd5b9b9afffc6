/**
 * How the webhooks module plugs into the app (see types.ts): its routes, the
 * delivery job (lease mode: an external call) and a subscription to every
 * incident event it sends, planning the deliveries in the publishing
 * transaction.
 */
import { registerWebhookRoutes } from '../../http/routes/webhooks.routes.js';
import { keyFor } from '../../modules/notify/index.js';
import {
  DELIVER_WEBHOOK_JOB,
  deliverWebhook,
  failWebhookDelivery,
  planWebhookDeliveries,
  type DeliverWebhookPayload,
  type WebhookEventName,
  type WebhooksDeps,
} from '../../modules/webhooks/index.js';
import { notifyDepsFor, SEND_TIMEOUT_MS } from './notify.js';
import type { EventSubscriber, ModuleWiring, WiringDeps } from './types.js';

function webhooksDeps(wiring: WiringDeps): WebhooksDeps {
  const notify = notifyDepsFor(wiring.db, wiring.clock, wiring.config);
  return {
    signingKey: (purpose) => keyFor(notify, purpose),
    allowPrivateAddresses: wiring.config.webhooksAllowPrivate,
    timeoutMs: SEND_TIMEOUT_MS,
  };
}

const deliveries = <K extends WebhookEventName>(event: K): Array<EventSubscriber<K>> => [
  async (payload, ctx) => planWebhookDeliveries(ctx.db, ctx.clock, event, payload),
];

export const webhooksWiring: ModuleWiring = {
  name: 'webhooks',
  routes: (wiring) => {
    const deps = webhooksDeps(wiring);
    return [(app, http) => registerWebhookRoutes(app, http, deps)];
  },
  jobHandlers: (wiring) => {
    const deps = webhooksDeps(wiring);
    return [
      {
        kind: DELIVER_WEBHOOK_JOB,
        mode: 'lease',
        timeoutMs: SEND_TIMEOUT_MS + 10_000,
        run: (job, ctx) =>
          deliverWebhook(ctx.db, ctx.clock, deps, (job.payload as DeliverWebhookPayload).deliveryId, job.attempts),
        onFinalFailure: (job, error, ctx) =>
          failWebhookDelivery(ctx.db, ctx.clock, (job.payload as DeliverWebhookPayload).deliveryId, error.message),
      },
    ];
  },
  subscriptions: () => ({
    IncidentTriggered: deliveries('IncidentTriggered'),
    IncidentAcknowledged: deliveries('IncidentAcknowledged'),
    IncidentResolved: deliveries('IncidentResolved'),
    IncidentDeclared: deliveries('IncidentDeclared'),
    IncidentSeverityChanged: deliveries('IncidentSeverityChanged'),
    IncidentStageChanged: deliveries('IncidentStageChanged'),
    IncidentRoleEngaged: deliveries('IncidentRoleEngaged'),
    IncidentHandoffRequested: deliveries('IncidentHandoffRequested'),
    IncidentMerged: deliveries('IncidentMerged'),
    IncidentOwnerChanged: deliveries('IncidentOwnerChanged'),
    IncidentStatusUpdated: deliveries('IncidentStatusUpdated'),
    IncidentCategoryChanged: deliveries('IncidentCategoryChanged'),
    IncidentImpactedServicesChanged: deliveries('IncidentImpactedServicesChanged'),
  }),
};
