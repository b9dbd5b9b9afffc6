/** Shapes of swaps: the "cover me" market. */
import { z } from 'zod';
import { InstantSchema, OnCallUserSchema } from './schedules.schema.js';

export const SwapStatusSchema = z.enum(['open', 'taken', 'cancelled', 'expired']);

export const CreateSwapSchema = z.strictObject({
  startsAt: InstantSchema.describe('a start in the past offers the rest of the window from now'),
  endsAt: InstantSchema,
  userId: z.uuid().optional().describe('whose time is offered; you when left out (managers may offer for others)'),
  requestedUserId: z
    .uuid()
    .nullable()
    .optional()
    .describe('ask this person only; anyone in the schedule when left out'),
  note: z.string().max(500).default(''),
});
export type CreateSwapInput = z.input<typeof CreateSwapSchema>;

export const TakeSwapSchema = z.strictObject({
  userId: z.uuid().optional().describe('who takes it; you when left out (managers may name someone)'),
});
export type TakeSwapInput = z.input<typeof TakeSwapSchema>;

export const SwapSchema = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  offeredBy: OnCallUserSchema,
  requestedUser: OnCallUserSchema.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
  status: SwapStatusSchema,
  takenBy: OnCallUserSchema.nullable(),
  overrideId: z.string().nullable().describe('the override that taking it created'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Swap = z.infer<typeof SwapSchema>;

export const SwapListQuerySchema = z.strictObject({ status: SwapStatusSchema.optional() });
