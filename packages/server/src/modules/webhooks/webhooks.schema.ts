/** Shapes of webhook subscriptions and their deliveries, shared with the HTTP layer. */
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { checkAddress } from '../notify/index.js';
import { WEBHOOK_EVENTS } from './webhooks.types.js';

const Instant = z.string().describe('ISO 8601');

export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);

const UrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((value, ctx) => {
    const checked = checkAddress('webhook', value);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  })
  .describe(
    'https://, or http:// to 127.0.0.1 or localhost (private addresses are refused when sending unless allowed)',
  );

const EventsSchema = z
  .array(WebhookEventSchema)
  .min(1, 'must name at least one event, or be null for every event')
  .max(WEBHOOK_EVENTS.length)
  .nullable()
  .describe('the events it receives; null for every incident event');

export const WebhookSubscriptionSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(WebhookEventSchema).nullable().describe('null: every incident event'),
  enabled: z.boolean(),
  description: z.string(),
  includePrivate: z.boolean().describe("receives private incidents' events too"),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookSubscriptionWithSecretSchema = WebhookSubscriptionSchema.extend({
  secret: z.string().describe('the signing secret: shown only now, never again (rotate to get a new one)'),
});
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecretSchema>;

export const CreateWebhookSchema = z.strictObject({
  url: UrlSchema,
  events: EventsSchema.default(null),
  enabled: z.boolean().default(true),
  description: z.string().trim().max(500).default(''),
  includePrivate: z
    .boolean()
    .default(false)
    .describe("receive private incidents' events too: whoever reads the receiver then reads them"),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookSchema>;

export const UpdateWebhookSchema = z.strictObject({
  url: UrlSchema.optional(),
  events: EventsSchema.optional(),
  enabled: z.boolean().optional(),
  description: z.string().trim().max(500).optional(),
  includePrivate: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof UpdateWebhookSchema>;

export const WebhookDeliverySchema = z.object({
  id: z.uuid(),
  eventId: z.uuid().describe('the payload id: the same on every attempt and redelivery of one event'),
  event: WebhookEventSchema,
  incidentId: z.uuid().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int().describe('requests made so far'),
  statusCode: z.number().int().nullable().describe("the last attempt's HTTP status; null when none came back"),
  durationMs: z.number().int().nullable().describe('how long the last attempt took'),
  error: z.string().nullable().describe('why the last attempt failed'),
  createdAt: Instant,
  updatedAt: Instant,
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid('must be the nextCursor of the previous page').optional(),
});
export type WebhookDeliveryQuery = z.input<typeof WebhookDeliveryQuerySchema>;

export const WebhookDeliveryPageSchema = z.object({
  items: z.array(WebhookDeliverySchema).describe('newest first'),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next (older) page; null on the last page'),
});
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPageSchema>;

export const DeliveryParams = z.strictObject({
  id: z.string().min(1).max(200),
  deliveryId: z.string().min(1).max(200),
});

/** Parses a use case's input, failing as a 400 that lists what is wrong (never a bare ZodError). */
export function parseWebhookInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new AppError('validation_failed', `Invalid webhook subscription: ${shown.join('; ')}`, { details: { issues } });
}
