/** Shapes of teams and memberships. */
import { z } from 'zod';

export const SlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes, e.g. "payments-sre"');

export const MembershipSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['member', 'manager']),
});
export type Membership = z.infer<typeof MembershipSchema>;

export const TeamSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(MembershipSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Team = z.infer<typeof TeamSchema>;

export const CreateTeamSchema = z.strictObject({
  slug: SlugSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
});
export type CreateTeamInput = z.input<typeof CreateTeamSchema>;

export const UpdateTeamSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
});
export type UpdateTeamInput = z.infer<typeof UpdateTeamSchema>;

export const SetMembershipSchema = z.strictObject({
  role: z.enum(['member', 'manager']).default('member'),
});
