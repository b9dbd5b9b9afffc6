/** Shapes of scheduled maintenances, shared with the HTTP layer. */
import { z } from 'zod';
import { TemplateRefSchema } from './templates.schema.js';

const Instant = z.iso.datetime({ offset: true }).describe('an ISO 8601 instant, e.g. 2026-12-24T02:00:00Z');

export const ScheduleMaintenanceSchema = z.strictObject({
  template: TemplateRefSchema.optional(),
  title: z.string().trim().min(1).max(200).optional().describe('required unless the template gives one'),
  body: z.string().trim().min(1).max(10_000).optional().describe('the announcement, Markdown; or a template'),
  components: z.array(z.uuid()).max(200).optional().describe('ids of the components shown Under Maintenance meanwhile'),
  scheduledFor: Instant.describe('when the window starts: the maintenance starts by itself then'),
  scheduledUntil: Instant.describe('when the window ends: the maintenance completes by itself then'),
});
export type ScheduleMaintenanceInput = z.infer<typeof ScheduleMaintenanceSchema>;
