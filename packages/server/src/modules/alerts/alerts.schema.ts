/** Shapes of alerts on the wire (zod), reused by the HTTP layer. */
import { z } from 'zod';
import { IncidentSchema } from '../incidents/index.js';

const Instant = z.string().describe('ISO 8601 instant');

export const AlertSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  integrationKeyId: z.uuid().nullable(),
  incidentId: z.uuid().nullable(),
  dedupKey: z.string(),
  status: z.enum(['triggered', 'acknowledged', 'resolved', 'suppressed']).describe('suppressed: arrived during maintenance; paged nobody'),
  summary: z.string(),
  source: z.string(),
  severity: z.enum(['critical', 'error', 'warning', 'info']),
  component: z.string().nullable(),
  group: z.string().nullable(),
  class: z.string().nullable(),
  customDetails: z.unknown().nullable(),
  links: z.array(z.object({ href: z.string(), text: z.string().optional() })).describe('back to the source: "view in Grafana"'),
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

export const AlertDetailSchema = AlertSchema.extend({ raw: z.unknown().describe("the sender's latest payload for this alert, as received") });
export type AlertDetail = z.infer<typeof AlertDetailSchema>;

export const IncidentWithAlertsSchema = IncidentSchema.extend({ alerts: z.array(AlertSchema) });
export type IncidentWithAlerts = z.infer<typeof IncidentWithAlertsSchema>;
