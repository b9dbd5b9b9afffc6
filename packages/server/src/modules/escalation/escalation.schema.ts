/** Shapes of escalation policies, shared with the HTTP layer and config as code. */
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';

export const MAX_LEVELS = 20;
export const MAX_TARGETS_PER_LEVEL = 20;

export const TargetTypeSchema = z.enum(['user', 'team', 'schedule', 'channel']);

export const PolicyNameSchema = z.string().trim().min(1).max(200);

export const DelayMinutesSchema = z
  .int({ error: 'must be a whole number of minutes' })
  .min(1, 'must be at least 1 minute')
  .max(1440, 'must be at most 1440 minutes (a day)');

export const RepeatCountSchema = z
  .int({ error: 'must be a whole number' })
  .min(0, 'must be 0 to 9: how many more times the policy runs after its last level')
  .max(9, 'must be 0 to 9: how many more times the policy runs after its last level');

export const TargetInputSchema = z.strictObject({
  type: TargetTypeSchema.describe('a schedule target pages whoever is on call on it when the level is reached'),
  id: z.uuid({ error: 'must be the id (a UUID) of the user, team, schedule or channel' }),
});

export const LevelInputSchema = z.strictObject({
  delayMinutes: DelayMinutesSchema.describe('minutes to wait for an acknowledgement before the next level'),
  targets: z
    .array(TargetInputSchema)
    .min(1, 'a level notifies at least one target')
    .max(MAX_TARGETS_PER_LEVEL, `a level notifies at most ${MAX_TARGETS_PER_LEVEL} targets`),
});
export type LevelInput = z.infer<typeof LevelInputSchema>;

const LevelsSchema = z
  .array(LevelInputSchema)
  .min(1, 'a policy has at least one level')
  .max(MAX_LEVELS, `a policy has at most ${MAX_LEVELS} levels`);

export const CreatePolicySchema = z.strictObject({
  name: PolicyNameSchema.describe('unique, without regard to case'),
  description: z.string().max(2000).default(''),
  teamId: z.uuid().nullable().default(null).describe('the team that owns the policy, if any'),
  repeatCount: RepeatCountSchema.default(0).describe(
    'how many more times the whole policy runs after its last level (0 = once)',
  ),
  levels: LevelsSchema,
});
export type CreatePolicyInput = z.input<typeof CreatePolicySchema>;

export const UpdatePolicySchema = z.strictObject({
  name: PolicyNameSchema.optional(),
  description: z.string().max(2000).optional(),
  teamId: z.uuid().nullable().optional(),
  repeatCount: RepeatCountSchema.optional(),
  levels: LevelsSchema.optional(),
});
export type UpdatePolicyInput = z.infer<typeof UpdatePolicySchema>;

export const PolicyTargetSchema = z.object({
  type: TargetTypeSchema,
  id: z.string(),
  label: z.string().describe('the name of the user, team or channel'),
});

export const PolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  repeatCount: z.number(),
  levels: z.array(z.object({ delayMinutes: z.number(), targets: z.array(PolicyTargetSchema) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof PolicySchema>;

/** Parses a use case's input, failing as a 400 that lists what is wrong (never a bare ZodError). */
export function parsePolicyInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  throw new AppError('validation_failed', `Invalid escalation policy: ${shown.join('; ')}`, { details: { issues } });
}
