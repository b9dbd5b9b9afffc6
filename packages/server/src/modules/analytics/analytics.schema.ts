/**
 * Shapes of analytics (docs/analytics.md): SLA targets, the filters every
 * figure takes, per-incident figures, aggregates and the monthly report;
 * zod, reused by the HTTP layer.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '../services/index.js';

export const SEVERITY_KEYS = ['S1', 'S2', 'S3', 'S4'] as const;
export const URGENCIES = ['high', 'low'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export const GROUP_BYS = ['none', 'severity', 'priority', 'urgency', 'team', 'service', 'policy', 'period'] as const;
export const PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export const BREACH_REASONS = ['never_acknowledged', 'acknowledged_late', 'resolved_late'] as const;

export type GroupBy = (typeof GROUP_BYS)[number];
export type Period = (typeof PERIODS)[number];
export type BreachReason = (typeof BREACH_REASONS)[number];

const Minutes = z.number().int().min(1).max(525_600).nullable();

export const SlaTargetSchema = z.object({
  scope: z.enum(['severity', 'urgency']),
  key: z.enum([...SEVERITY_KEYS, ...URGENCIES]),
  ackMinutes: Minutes.describe('null = no acknowledge target'),
  ackBusinessHours: z.boolean().describe("count only the service's business hours"),
  resolveMinutes: Minutes.describe('null = no resolve target'),
  resolveBusinessHours: z.boolean(),
  updatedAt: z.string(),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

export const UpdateSlaTargetSchema = z.strictObject({
  ackMinutes: Minutes.optional(),
  ackBusinessHours: z.boolean().optional(),
  resolveMinutes: Minutes.optional(),
  resolveBusinessHours: z.boolean().optional(),
});
export type UpdateSlaTargetInput = z.infer<typeof UpdateSlaTargetSchema>;

export const SlaTargetParams = z.strictObject({
  scope: z.enum(['severity', 'urgency']),
  key: z.enum([...SEVERITY_KEYS, ...URGENCIES]),
});

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z' });

/** The filters every figure takes (query string), in any combination. */
export const AnalyticsFilterSchema = z.strictObject({
  from: Instant.optional().describe('opened at or after (default: 30 days before `to`)'),
  to: Instant.optional().describe('opened before (default: now)'),
  tz: TimeZoneSchema.optional().describe('time zone of periods (default UTC)'),
  teamId: z.uuid().optional().describe('the team the incident had when it opened'),
  serviceId: z.uuid().optional(),
  policyId: z.uuid().optional().describe('the escalation policy it was paged by'),
  priority: z.enum(PRIORITIES).optional(),
  urgency: z.enum(URGENCIES).optional(),
  severity: z
    .enum([...SEVERITY_KEYS, 'none'])
    .optional()
    .describe('none = paged-only incidents'),
});
export type AnalyticsFilterInput = z.infer<typeof AnalyticsFilterSchema>;

export const SummaryQuerySchema = AnalyticsFilterSchema.extend({
  groupBy: z.enum(GROUP_BYS).default('none'),
  thenBy: z
    .enum(GROUP_BYS)
    .default('none')
    .describe('a second grouping inside the first, e.g. groupBy=service&thenBy=severity'),
  period: z.enum(PERIODS).default('month').describe('the period length when groupBy or thenBy is period'),
});
export type SummaryQuery = z.infer<typeof SummaryQuerySchema>;

export const IncidentFiguresQuerySchema = AnalyticsFilterSchema.extend({
  breached: z.enum(['true', 'false']).optional().describe('true = only incidents that breached a target'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type IncidentFiguresQuery = z.infer<typeof IncidentFiguresQuerySchema>;

export const DistributionSchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable().describe('seconds'),
  median: z.number().nullable().describe('seconds'),
  p90: z.number().nullable().describe('seconds'),
});
export type Distribution = z.infer<typeof DistributionSchema>;

export const GroupFiguresSchema = z.object({
  key: z.string().nullable().describe('the group value (an id, a severity, a period start); null = none'),
  label: z.string(),
  subKey: z.string().nullable().describe('the second group value, with thenBy'),
  subLabel: z.string().nullable(),
  count: z.number().int().describe('incidents, near misses and merged ones left out'),
  nearMisses: z.number().int(),
  tta: DistributionSchema.describe('time to acknowledge'),
  ttm: DistributionSchema.describe('time to mitigate (stage Monitoring)'),
  ttr: DistributionSchema.describe('time to resolve'),
  escalationRate: z.number().nullable(),
  ackedByIntegrationShare: z.number().nullable(),
  within: z.number().int(),
  breached: z.number().int(),
  pending: z.number().int(),
  compliance: z.number().nullable().describe('within / (within + breached)'),
});
export type GroupFigures = z.infer<typeof GroupFiguresSchema>;

export const SummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(GROUP_BYS),
  thenBy: z.enum(GROUP_BYS),
  groups: z.array(GroupFiguresSchema),
});
export type Summary = z.infer<typeof SummarySchema>;

export const BreachSchema = z.object({
  reason: z.enum(BREACH_REASONS),
  bySeconds: z.number().describe('how far past the due instant (up to now when still open)'),
});

export const IncidentFiguresSchema = z.object({
  incidentId: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  openedAt: z.string(),
  serviceId: z.uuid(),
  teamId: z.uuid().nullable(),
  policyId: z.uuid().nullable(),
  severity: z.enum(SEVERITY_KEYS).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  urgency: z.enum(URGENCIES),
  nearMiss: z.boolean(),
  mergedInto: z.uuid().nullable(),
  reopenCount: z.number().int(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.enum(['person', 'integration']).nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  ttaSeconds: z.number().nullable(),
  ttmSeconds: z.number().nullable(),
  ttrSeconds: z.number().nullable(),
  ackDueAt: z.string().nullable(),
  resolveDueAt: z.string().nullable(),
  escalations: z.number().int(),
  peoplePaged: z.number().int(),
  status: z.enum(['within', 'breached', 'pending', 'excluded']),
  breaches: z.array(BreachSchema),
});
export type IncidentFigures = z.infer<typeof IncidentFiguresSchema>;

export const ReportQuerySchema = z.strictObject({
  team: z.string().min(1).max(200).optional().describe('team id or slug; all teams when absent'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-11')
    .optional()
    .describe('default: the previous month'),
  tz: TimeZoneSchema.optional().describe('the time zone months start in (default UTC)'),
});
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export const ReportSchema = z.object({
  title: z.string(),
  team: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  overall: GroupFiguresSchema,
  bySeverity: z.array(GroupFiguresSchema),
  byService: z.array(GroupFiguresSchema),
  breaches: z.array(IncidentFiguresSchema),
});
export type Report = z.infer<typeof ReportSchema>;

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-11');

export const CreateShareLinkSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('who it is for, e.g. "Customer X, monthly SLA"'),
  teamIds: z.array(z.uuid()).max(50).default([]).describe('only these teams (none = every team)'),
  serviceIds: z.array(z.uuid()).max(200).default([]).describe('only these services (none = every service)'),
  month: MonthSchema.nullable().default(null).describe('a fixed month; null = the rolling last month'),
  timeZone: TimeZoneSchema.default('UTC'),
  showIncidentTitles: z.boolean().default(false).describe('list breaches with their titles (else by number only)'),
  expiresAt: Instant.describe('when the link stops working (at most a year ahead)'),
});
export type CreateShareLinkInput = z.input<typeof CreateShareLinkSchema>;

export const ShareLinkSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  teamIds: z.array(z.uuid()),
  serviceIds: z.array(z.uuid()),
  month: z.string().nullable(),
  timeZone: z.string(),
  showIncidentTitles: z.boolean(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  lastOpenedAt: z.string().nullable(),
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;

export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  token: z.string().describe('shown once'),
  url: z.string().describe('the report as a web page anyone with the link can open (no account, no JavaScript)'),
  jsonUrl: z.string().describe('the same report as JSON'),
});

export const SharedReportSchema = z.object({
  name: z.string(),
  month: z.string(),
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  overall: GroupFiguresSchema,
  bySeverity: z.array(GroupFiguresSchema),
  byService: z.array(GroupFiguresSchema),
  breaches: z.array(
    z.object({
      number: z.number().int(),
      title: z.string().nullable().describe('null unless the link shows titles'),
      openedAt: z.string(),
      severity: z.enum(SEVERITY_KEYS).nullable(),
      urgency: z.enum(URGENCIES),
      breaches: z.array(BreachSchema),
    }),
  ),
});
export type SharedReport = z.infer<typeof SharedReportSchema>;

export const ShareTokenParams = z.strictObject({
  token: z.string().min(1).max(200).describe('the token of a share link (tsl_...)'),
});

// Emailed reports (analytics.subscriptions.ts)

const SendTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 08:00');
const RecipientEmail = z.email('must be an email address, e.g. cto@example.com').max(320);

const SubscriptionFields = {
  name: z.string().trim().min(1).max(200).describe('what it is, e.g. "Identity monthly SLA for the CTO"'),
  teamId: z.uuid().nullable().describe('the team whose report is sent; null = every team'),
  serviceIds: z.array(z.uuid()).max(200).describe('only these services (none = every service)'),
  dayOfMonth: z.number().int().min(1).max(28).describe('sent on this day of the month (1-28), for the month before'),
  sendTime: SendTime.describe('at this time of day in timeZone'),
  timeZone: TimeZoneSchema.describe('the zone the month and the send time are in'),
  recipientUserIds: z
    .array(z.uuid())
    .max(50)
    .describe('people with an account: each gets the report as they would see it'),
  recipientEmails: z
    .array(RecipientEmail)
    .max(50)
    .describe('plain addresses: the report without private incidents, titles only if showIncidentTitles'),
  showIncidentTitles: z.boolean().describe('plain addresses see breaches with their titles (else by number only)'),
};

export const CreateReportSubscriptionSchema = z.strictObject({
  name: SubscriptionFields.name,
  teamId: SubscriptionFields.teamId.default(null),
  serviceIds: SubscriptionFields.serviceIds.default([]),
  dayOfMonth: SubscriptionFields.dayOfMonth.default(1),
  sendTime: SubscriptionFields.sendTime.default('08:00'),
  timeZone: SubscriptionFields.timeZone.default('UTC'),
  recipientUserIds: SubscriptionFields.recipientUserIds.default([]),
  recipientEmails: SubscriptionFields.recipientEmails.default([]),
  showIncidentTitles: SubscriptionFields.showIncidentTitles.default(false),
});
export type CreateReportSubscriptionInput = z.input<typeof CreateReportSubscriptionSchema>;

export const UpdateReportSubscriptionSchema = z.strictObject({
  name: SubscriptionFields.name.optional(),
  teamId: SubscriptionFields.teamId.optional(),
  serviceIds: SubscriptionFields.serviceIds.optional(),
  dayOfMonth: SubscriptionFields.dayOfMonth.optional(),
  sendTime: SubscriptionFields.sendTime.optional(),
  timeZone: SubscriptionFields.timeZone.optional(),
  recipientUserIds: SubscriptionFields.recipientUserIds.optional(),
  recipientEmails: SubscriptionFields.recipientEmails.optional(),
  showIncidentTitles: SubscriptionFields.showIncidentTitles.optional(),
  paused: z.boolean().optional().describe('no email while paused; resuming sends the next one due from then'),
});
export type UpdateReportSubscriptionInput = z.input<typeof UpdateReportSubscriptionSchema>;

export const ReportSubscriptionSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  teamId: z.uuid().nullable(),
  serviceIds: z.array(z.uuid()),
  dayOfMonth: z.number().int(),
  sendTime: z.string(),
  timeZone: z.string(),
  recipientUserIds: z.array(z.uuid()),
  recipientEmails: z.array(z.string()),
  showIncidentTitles: z.boolean(),
  paused: z.boolean(),
  nextMonth: z.string().describe('the month the next email reports'),
  nextSendAt: z.string().describe('when it is sent'),
  lastSentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportSubscription = z.infer<typeof ReportSubscriptionSchema>;
