/** Shapes of contact methods, notification rules and notifications, shared with the HTTP layer. */
import { z } from 'zod';

export const ContactMethodTypeSchema = z.enum(['email', 'sms', 'voice', 'slack', 'webhook', 'push']);
export const UrgencySchema = z.enum(['high', 'low']);

export const ContactMethodSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  type: ContactMethodTypeSchema,
  label: z.string(),
  address: z.string().describe('email address, E.164 number, Slack member id, webhook URL or push endpoint'),
  isVerified: z.boolean(),
  verifiedAt: z.string().nullable(),
  isDisabled: z.boolean(),
  provisioned: z
    .object({ at: z.string(), byUserId: z.uuid().nullable() })
    .nullable()
    .describe('set when an admin or config as code added the method as verified, without a code'),
  expiredAt: z
    .string()
    .nullable()
    .describe('push: when the push service said the subscription is gone (404/410); the method is disabled since'),
  verification: z
    .object({ expiresAt: z.string(), attemptsLeft: z.number().int() })
    .nullable()
    .describe('the pending code, while one is outstanding'),
  signingSecret: z.string().optional().describe('webhook methods: the key to verify X-Tocsin-Signature with'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactMethod = z.infer<typeof ContactMethodSchema>;

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `must be base64url (the browser's ${what})`)
    .refine(
      (value) => Buffer.from(value, 'base64url').length === bytes,
      `must be ${bytes} bytes (the browser's ${what})`,
    );

export const PushKeysSchema = z
  .strictObject({
    p256dh: base64url(65, 'PushSubscription.getKey("p256dh")'),
    auth: base64url(16, 'PushSubscription.getKey("auth")'),
  })
  .describe("push: the subscription's keys, as PushSubscription.toJSON() gives them");

export const CreateContactMethodSchema = z.strictObject({
  type: ContactMethodTypeSchema,
  label: z.string().trim().min(1).max(100).optional().describe('defaults to the type, e.g. "SMS"'),
  address: z.string().trim().min(1).max(2000).describe("for push: the subscription's endpoint"),
  keys: PushKeysSchema.optional(),
  provision: z
    .boolean()
    .optional()
    .describe(
      "admins, email only: add it verified, without a code read out of the person's mailbox (marked as provisioned); a test message is sent to it",
    ),
});
export type CreateContactMethodInput = z.infer<typeof CreateContactMethodSchema>;

export const UpdateContactMethodSchema = z.strictObject({
  label: z.string().trim().min(1).max(100).optional(),
  isDisabled: z.boolean().optional().describe('a disabled method is never paged, but keeps its rules'),
});
export type UpdateContactMethodInput = z.infer<typeof UpdateContactMethodSchema>;

export const VerifyContactMethodSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, 'must be the 6-digit code from the message')
    .describe('the 6-digit code Tocsin sent'),
});

export const NotificationRuleSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  contactMethodId: z.uuid(),
  urgency: UrgencySchema,
  delayMinutes: z.number().int(),
  createdAt: z.string(),
});
export type NotificationRule = z.infer<typeof NotificationRuleSchema>;

export const CreateRuleSchema = z.strictObject({
  contactMethodId: z.uuid(),
  urgency: UrgencySchema,
  delayMinutes: z.number().int().min(0).max(1440).describe('minutes after the escalation step reaches you'),
});
export type CreateRuleInput = z.infer<typeof CreateRuleSchema>;

export const UpdateRuleSchema = z.strictObject({
  urgency: UrgencySchema.optional(),
  delayMinutes: z.number().int().min(0).max(1440).optional(),
});
export type UpdateRuleInput = z.infer<typeof UpdateRuleSchema>;

export const NotificationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['page', 'bundle', 'test', 'verification', 'channel_notice', 'handoff', 'status_update']),
  status: z.enum(['queued', 'sent', 'delivered', 'failed', 'skipped', 'bundled']),
  incidentId: z.string().nullable(),
  userId: z.string().nullable(),
  contactMethodId: z.string().nullable(),
  channelId: z.string().nullable(),
  provider: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  sendAt: z.string(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationQuerySchema = z.strictObject({
  incidentId: z.uuid().optional(),
  userId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NotificationQuery = z.infer<typeof NotificationQuerySchema>;

export const QueuedNotificationSchema = z.object({ notificationId: z.uuid(), status: z.literal('queued') });
