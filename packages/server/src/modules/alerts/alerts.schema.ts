/** Shapes of alerts on the wire (zod), reused by the HTTP layer. */
import { z } from 'zod';
import { IncidentSchema } from '../incidents/index.js';

const Instant = z.string().describe('ISO 8601 instant');

export const ALERT_STATUSES = ['triggered', 'acknowledged', 'resolved', 'suppressed'] as const;
export const AlertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

export const AlertSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  integrationKeyId: z.uuid().nullable(),
  incidentId: z.uuid().nullable(),
  incidentNumber: z.number().int().nullable().describe('the number (#N) of the incident it was grouped into'),
  dedupKey: z.string(),
  status: AlertStatusSchema.describe('suppressed: arrived during maintenance; paged nobody'),
  summary: z.string(),
  source: z.string(),
  severity: z.enum(['critical', 'error', 'warning', 'info']),
  component: z.string().nullable(),
  group: z.string().nullable(),
  class: z.string().nullable(),
  customDetails: z.unknown().nullable(),
  links: z
    .array(z.object({ href: z.string(), text: z.string().optional() }))
    .describe('back to the source: "view in Grafana"'),
  images: z.array(z.object({ src: z.string(), href: z.string().optional(), alt: z.string().optional() })),
  client: z.string().nullable(),
  clientUrl: z.string().nullable(),
  triggerCount: z.number().int().describe('how many trigger events this alert absorbed'),
  firstTriggeredAt: Instant,
  lastTriggeredAt: Instant,
  acknowledgedAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertDetailSchema = AlertSchema.extend({
  raw: z.unknown().describe("the sender's latest payload for this alert, as received"),
});
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

export const AlertEventSchema = z.object({
  id: z.string().describe('increases with each event; pass the last one seen as `cursor` for older ones'),
  action: z.enum(['trigger', 'acknowledge', 'resolve']),
  receivedAt: Instant.describe('when Tocsin received it'),
  source: z.string().describe('the affected system, as the event named it (may be empty)'),
  summary: z
    .string()
    .nullable()
    .describe("the event's own summary; null when it carried none (an acknowledge often does not)"),
  payload: z.unknown().describe("the sender's payload as received, integration keys in it masked"),
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

export const AlertEventListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the nextCursor of the previous page')
    .optional(),
});
export type AlertEventListQuery = z.infer<typeof AlertEventListQuerySchema>;

export const AlertEventPageSchema = z.object({
  items: z.array(AlertEventSchema).describe('newest first; an alert keeps its newest 100 events'),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next (older) page; null on the last page'),
});
export type AlertEventPage = z.infer<typeof AlertEventPageSchema>;

export const IncidentWithAlertsSchema = IncidentSchema.extend({ alerts: z.array(AlertSchema) });
export type IncidentWithAlerts = z.infer<typeof IncidentWithAlertsSchema>;

const STATUS_LIST = /^(triggered|acknowledged|resolved|suppressed)(,(triggered|acknowledged|resolved|suppressed))*$/;

/** `<milliseconds since the epoch>_<alert id>` of the last alert of a page: where the next page starts. */
export const ALERT_CURSOR = /^(\d{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const AlertListQuerySchema = z.strictObject({
  status: z
    .string()
    .regex(STATUS_LIST, 'must be one or more of triggered, acknowledged, resolved, suppressed, separated by commas')
    .optional()
    .describe('comma-separated statuses, e.g. triggered,acknowledged'),
  serviceId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(ALERT_CURSOR, 'must be the nextCursor of the previous page').optional(),
});
export type AlertListQuery = z.infer<typeof AlertListQuerySchema>;

export interface AlertFilters {
  status?: AlertStatus[];
  serviceId?: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export const AlertPageSchema = z.object({
  items: z.array(AlertSchema),
  nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last page'),
});
export type AlertPage = z.infer<typeof AlertPageSchema>;
