/** Shapes of maintenance windows: times when a service's alerts page nobody. */
import { z } from 'zod';

export const CreateMaintenanceSchema = z.strictObject({
  startsAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-03-02T22:00:00Z' })
    .optional()
    .describe('default: now'),
  endsAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-03-02T23:00:00Z' }),
  reason: z.string().trim().max(500).default(''),
});
export type CreateMaintenanceInput = z.input<typeof CreateMaintenanceSchema>;

export const MaintenanceWindowSchema = z.object({
  id: z.uuid(),
  serviceId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  isActive: z.boolean().describe('open now: the service pages nobody'),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;
