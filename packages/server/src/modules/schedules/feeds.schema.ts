/** Shapes of private calendar feeds. */
import { z } from 'zod';

export const CreateFeedSchema = z.strictObject({
  kind: z.enum(['user', 'schedule']),
  subject: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('user: a user id (you when left out); schedule: a schedule id or name'),
});
export type CreateFeedInput = z.input<typeof CreateFeedSchema>;

export const FeedSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['user', 'schedule']),
  subjectId: z.string(),
  subjectName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type Feed = z.infer<typeof FeedSchema>;

export const FeedShiftSchema = z.object({
  uid: z.string(),
  scheduleId: z.string(),
  scheduleName: z.string(),
  userId: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
});

export const FeedJsonSchema = z.object({
  name: z.string(),
  kind: z.enum(['user', 'schedule']),
  generatedAt: z.string(),
  from: z.string(),
  to: z.string(),
  shifts: z.array(FeedShiftSchema),
});
export type FeedJson = z.infer<typeof FeedJsonSchema>;
