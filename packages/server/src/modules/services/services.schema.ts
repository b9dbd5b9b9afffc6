/**
 * Shapes of services and their paging settings (business hours, urgency
 * rules, SLA targets, grouping), shared with the HTTP layer and config as
 * code. The defaults are the ones in services.types.ts.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { SlugSchema } from '../teams/index.js';
import { DEFAULT_SLA_TARGETS, DEFAULT_URGENCY_RULES } from './services.types.js';

export const ServiceSlugSchema = SlugSchema;
export const ServiceNameSchema = z.string().trim().min(1).max(200);

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((zone) => IANAZone.isValidZone(zone), {
    message: 'must be an IANA time zone name such as Europe/London or America/New_York',
  });

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM on a 24-hour clock, e.g. "09:00"');

export const BusinessHoursSchema = z
  .strictObject({
    days: z
      .array(
        z
          .int()
          .min(1, 'days are ISO weekdays: 1 = Monday ... 7 = Sunday')
          .max(7, 'days are ISO weekdays: 1 = Monday ... 7 = Sunday'),
      )
      .min(1, 'list at least one day (1 = Monday ... 7 = Sunday)')
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'lists a day twice')
      .transform((days) => [...days].sort((a, b) => a - b)),
    start: HHMM.describe('inclusive'),
    end: HHMM.describe('exclusive; earlier than start for hours that cross midnight; equal to start for whole days'),
  })
  .describe('in the service time zone; null means always business hours');

const SeveritySchema = z.enum(['critical', 'error', 'warning', 'info']);
const UrgencySchema = z.enum(['high', 'low']);
const PrioritySchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5']);

export const UrgencyRuleSchema = z.strictObject({
  when: z
    .strictObject({
      severity: z.array(SeveritySchema).min(1, 'list at least one severity, or leave "severity" out').optional(),
    })
    .optional()
    .describe('left out: matches every alert'),
  urgency: UrgencySchema,
  priority: PrioritySchema.nullable().default(null),
});

export const UrgencyRulesSchema = z
  .array(UrgencyRuleSchema)
  .min(1, 'list at least one rule (an alert no rule matches pages with high urgency)')
  .max(20)
  .describe('first match wins');

const SlaTargetSchema = z
  .strictObject({
    ackMinutes: z.int().min(1).max(10_080, 'must be at most 10080 (a week)'),
    resolveMinutes: z.int().min(1).max(525_600, 'must be at most 525600 (a year)'),
  })
  .refine((t) => t.resolveMinutes >= t.ackMinutes, {
    message: 'resolveMinutes must not be shorter than ackMinutes',
    path: ['resolveMinutes'],
  });

export const SlaTargetsSchema = z.strictObject({ high: SlaTargetSchema, low: SlaTargetSchema });

export const GroupingSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('dedup_key').describe('one incident per open alert') }),
  z.strictObject({
    mode: z.literal('window'),
    windowMinutes: z.int().min(1, 'must be 1 to 1440 minutes').max(1440, 'must be 1 to 1440 minutes'),
    field: z
      .enum(['group', 'component', 'class', 'source'])
      .describe('alerts with the same value within the window share an incident'),
  }),
]);

export const NoticeChannelIdsSchema = z
  .array(z.uuid({ error: 'must be a chat channel id (a UUID)' }))
  .max(10, 'at most 10 notice channels')
  .refine((ids) => new Set(ids).size === ids.length, 'lists a channel twice');

export const CreateServiceSchema = z.strictObject({
  slug: ServiceSlugSchema,
  name: ServiceNameSchema,
  description: z.string().max(2000).default(''),
  teamId: z.uuid().nullable().default(null).describe('the owning team, if any'),
  escalationPolicyId: z.uuid(),
  timeZone: TimeZoneSchema.default('UTC'),
  businessHours: BusinessHoursSchema.nullable().default(null),
  urgencyRules: UrgencyRulesSchema.default(() => structuredClone(DEFAULT_URGENCY_RULES)),
  slaTargets: SlaTargetsSchema.default(() => structuredClone(DEFAULT_SLA_TARGETS)),
  grouping: GroupingSchema.default({ mode: 'dedup_key' }),
  noticeChannelIds: NoticeChannelIdsSchema.default([]).describe('chat channels every new incident is posted to'),
  isDisabled: z.boolean().default(false),
});
export type CreateServiceInput = z.input<typeof CreateServiceSchema>;

export const UpdateServiceSchema = z.strictObject({
  slug: ServiceSlugSchema.optional(),
  name: ServiceNameSchema.optional(),
  description: z.string().max(2000).optional(),
  teamId: z.uuid().nullable().optional(),
  escalationPolicyId: z.uuid().optional(),
  timeZone: TimeZoneSchema.optional(),
  businessHours: BusinessHoursSchema.nullable().optional(),
  urgencyRules: UrgencyRulesSchema.optional(),
  slaTargets: SlaTargetsSchema.optional(),
  grouping: GroupingSchema.optional(),
  noticeChannelIds: NoticeChannelIdsSchema.optional(),
  isDisabled: z.boolean().optional(),
});
export type UpdateServiceInput = z.input<typeof UpdateServiceSchema>;

export const ServiceSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  escalationPolicy: z.object({ id: z.string(), name: z.string() }),
  timeZone: z.string(),
  businessHours: z.object({ days: z.array(z.number()), start: z.string(), end: z.string() }).nullable(),
  urgencyRules: z.array(
    z.object({
      when: z.object({ severity: z.array(SeveritySchema).optional() }).optional(),
      urgency: UrgencySchema,
      priority: PrioritySchema.nullable(),
    }),
  ),
  slaTargets: z.object({
    high: z.object({ ackMinutes: z.number(), resolveMinutes: z.number() }),
    low: z.object({ ackMinutes: z.number(), resolveMinutes: z.number() }),
  }),
  grouping: z.object({
    mode: z.enum(['dedup_key', 'window']),
    windowMinutes: z.number().optional(),
    field: z.string().optional(),
  }),
  noticeChannelIds: z.array(z.string()),
  isDisabled: z.boolean(),
  isInMaintenance: z.boolean().describe('a maintenance window is open now: alerts are suppressed, nobody is paged'),
  maintenanceEndsAt: z.string().nullable().describe('when the open maintenance window ends'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Service = z.infer<typeof ServiceSchema>;

/** Parses a use case's input, failing as a 400 that lists what is wrong (never a bare ZodError). */
export function parseServiceInput<T extends z.ZodType>(schema: T, input: unknown, what = 'service'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new AppError('validation_failed', `Invalid ${what}: ${shown.join('; ')}`, { details: { issues } });
}
