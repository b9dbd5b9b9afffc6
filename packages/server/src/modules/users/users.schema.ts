/** Shapes of users, shared with the HTTP layer and config-as-code. */
import { z } from 'zod';
import { ROLES } from '../../lib/actor.js';

export const RoleSchema = z.enum(ROLES as unknown as ['owner', 'admin', 'responder', 'viewer', 'stakeholder']);

export const TimeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone name such as Europe/London' },
);

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string().describe('validated on the way in; not re-checked on the way out'),
  name: z.string(),
  role: RoleSchema,
  timeZone: z.string(),
  isDisabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema.default('responder'),
  timeZone: TimeZoneSchema.default('UTC'),
  password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  isDisabled: z.boolean().optional(),
  password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  currentPassword: z.string().max(1024).optional().describe('required to change your own password when you have one'),
});
export type UpdateUserInput = z.infer<typeof UpdateUserSchema>;
