/** Shapes of chat channels, shared with the HTTP layer and config as code. */
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { targetProblem } from './channel-target.js';

export const ChannelTypeSchema = z.enum(['slack', 'teams', 'webhook']);

export const ChannelNameSchema = z.string().trim().min(1).max(100);
export const ChannelTargetSchema = z.string().trim().min(1).max(2000);

export const ChannelSchema = z.object({
  id: z.uuid(),
  type: ChannelTypeSchema,
  name: z.string(),
  target: z
    .string()
    .describe(
      'Slack: the channel id; Teams and webhook: the URL, in full to admins acting with the admin scope, else masked as its origin and last 4 characters',
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const CreateChannelSchema = z
  .strictObject({
    type: ChannelTypeSchema,
    name: ChannelNameSchema,
    target: ChannelTargetSchema.describe('Slack: a channel id such as C0123ABC; teams and webhook: an https:// URL'),
  })
  .superRefine((input, ctx) => {
    const problem = targetProblem(input.type, input.target);
    if (problem) ctx.addIssue({ code: 'custom', path: ['target'], message: problem });
  });
export type CreateChannelInput = z.infer<typeof CreateChannelSchema>;

export const UpdateChannelSchema = z.strictObject({
  type: ChannelTypeSchema.optional(),
  name: ChannelNameSchema.optional(),
  target: ChannelTargetSchema.optional(),
});
export type UpdateChannelInput = z.infer<typeof UpdateChannelSchema>;

/** Parses a use case's input, failing as a 400 that lists what is wrong (never a bare ZodError). */
export function parseChannelInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new AppError('validation_failed', `Invalid chat channel: ${shown.join('; ')}`, { details: { issues } });
}
