/** Shapes of overrides and of "take the pager now". */
import { z } from 'zod';
import { InstantSchema, OnCallUserSchema } from './schedules.schema.js';

export const OverrideKindSchema = z.enum(['add', 'replace', 'remove']);

export const CreateOverrideSchema = z.strictObject({
  kind: OverrideKindSchema.default('replace').describe(
    'add: on call beside the others; replace: takes a slot; remove: taken off',
  ),
  userId: z.uuid().describe('add: who is added; replace: who takes the slot; remove: who is taken off'),
  replacesUserId: z
    .uuid()
    .nullable()
    .optional()
    .describe("replace only: whose slot is taken; leave out (or null) for everyone's"),
  startsAt: InstantSchema.describe('a start in the past is moved to now: the past stays as it was'),
  endsAt: InstantSchema,
  note: z.string().max(500).default(''),
});
export type CreateOverrideInput = z.input<typeof CreateOverrideSchema>;

export const TakePagerSchema = z.strictObject({
  hours: z.number().min(0.25, 'at least a quarter of an hour').max(168, 'at most 168 hours (a week)'),
  userId: z.uuid().optional().describe('who takes the pager; you when left out (managers may name someone else)'),
  note: z.string().max(500).default(''),
});
export type TakePagerInput = z.input<typeof TakePagerSchema>;

export const OverrideSchema = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  kind: OverrideKindSchema,
  user: OnCallUserSchema,
  replaces: OnCallUserSchema.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  affectedUserIds: z.array(z.string()).describe('people whose time on call this changes (on creation and removal)'),
});
export type Override = z.infer<typeof OverrideSchema>;

export const OverrideListQuerySchema = z.strictObject({
  from: InstantSchema.optional().describe('default: now'),
  to: InstantSchema.optional().describe('default: 4 weeks after from'),
});
