/** Shapes of status page subscriptions, shared with the HTTP layer. */
import { z } from 'zod';

const ComponentIdsSchema = z
  .array(z.uuid('a component id is a uuid (GET /status/<slug>/api/v2/components.json lists them)'))
  .max(200)
  .describe('the components to hear about; left out or empty: all of them');

export const SignUpSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email('not an email address such as you@example.com')),
  components: ComponentIdsSchema.optional(),
});
export type SignUpInput = z.input<typeof SignUpSchema>;

export const SignUpAnswerSchema = z.object({ message: z.string() });

export const SubscriberSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['email', 'webhook']),
  /** The address, or the webhook's URL. */
  target: z.string(),
  state: z.enum(['unconfirmed', 'confirmed']),
  /** null: all components. */
  components: z.array(z.uuid()).nullable(),
  /** Updates sent to it so far. */
  sent: z.number().int(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export type Subscriber = z.infer<typeof SubscriberSchema>;

export const SubscriberListSchema = z.object({
  items: z.array(SubscriberSchema),
  counts: z.object({
    confirmed: z.number().int(),
    unconfirmed: z.number().int(),
    email: z.number().int(),
    webhook: z.number().int(),
  }),
});
export type SubscriberList = z.infer<typeof SubscriberListSchema>;

export const CreateWebhookSubscriberSchema = z.strictObject({
  url: z.string().trim().max(2000),
  components: ComponentIdsSchema.optional(),
});
export type CreateWebhookSubscriberInput = z.input<typeof CreateWebhookSubscriberSchema>;

export const WebhookSubscriberWithSecretSchema = SubscriberSchema.extend({
  secret: z.string().describe('verifies Tocsin-Signature; shown only now'),
});

const AnnouncerUrlSchema = z.string().trim().max(2000).nullable();
export const AnnouncementsSchema = z.object({
  slack: z.string().nullable().describe('a Slack incoming-webhook URL'),
  teams: z.string().nullable().describe('a Microsoft Teams incoming-webhook (Workflows) URL'),
});
export type Announcements = z.infer<typeof AnnouncementsSchema>;
export const UpdateAnnouncementsSchema = z.strictObject({
  slack: AnnouncerUrlSchema.optional(),
  teams: AnnouncerUrlSchema.optional(),
});
export type UpdateAnnouncementsInput = z.input<typeof UpdateAnnouncementsSchema>;
