/** Shapes of on-call health (docs/analytics.md "On-call health"); zod, reused by the HTTP layer. */
import { z } from 'zod';

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant, e.g. 2026-11-01T00:00:00Z' });

export const OnCallHealthQuerySchema = z.strictObject({
  from: Instant.optional().describe('at or after (default: 30 days before `to`)'),
  to: Instant.optional().describe('before (default: now); at most 366 days after `from`'),
  teamId: z.uuid().optional().describe("only that team's incidents, alerts and schedules"),
  limit: z.coerce.number().int().min(1).max(100).default(10).describe('alerts in each noisiest list'),
});
export type OnCallHealthQuery = z.infer<typeof OnCallHealthQuerySchema>;

const NoisyAlertSchema = z.object({
  serviceId: z.uuid(),
  serviceName: z.string(),
  dedupKey: z.string(),
  summary: z.string().describe('the latest summary'),
  alerts: z.number().int().describe('times it opened (a resolved alert that triggers again opens anew)'),
  triggers: z.number().int().describe('trigger events, repeats into an open alert included'),
  autoResolved: z.number().int().describe('resolved by its source with nobody acknowledging'),
});

export const OnCallHealthSchema = z.object({
  from: z.string(),
  to: z.string(),
  people: z.array(
    z.object({
      userId: z.uuid(),
      name: z.string(),
      timeZone: z.string().describe("the person's own time zone, in which hours are counted"),
      interruptions: z
        .object({
          total: z.number().int(),
          business: z.number().int().describe('Monday to Friday 09:00-18:00'),
          off: z.number().int().describe('neither business nor sleep hours'),
          sleep: z.number().int().describe('22:00-07:00, every day'),
        })
        .describe('incidents that paged the person, each once, at its first page'),
      nightsOnCall: z.number().int().describe('nights (22:00-07:00) on call for any part'),
      weekendDaysOnCall: z.number().int().describe('Saturdays and Sundays on call for any part'),
      hoursOnCall: z.number(),
    }),
  ),
  mostTriggered: z.array(NoisyAlertSchema),
  mostAutoResolved: z.array(NoisyAlertSchema),
});
export type OnCallHealth = z.infer<typeof OnCallHealthSchema>;
