/** Shapes of login requests and API tokens. */
import { z } from 'zod';
import { SCOPES } from '../../lib/actor.js';

export const LoginSchema = z.strictObject({
  email: z.email(),
  password: z.string().min(1).max(1024),
});

const ScopeSchema = z.enum(SCOPES as unknown as ['read', 'write', 'admin']);

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('the first characters of the token, to recognise it'),
  scopes: z.array(ScopeSchema),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z
    .array(ScopeSchema)
    .min(1)
    .default(['read', 'write'])
    .describe("read ⊂ write ⊂ admin; never wider than the caller's own"),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('omit for a token that does not expire'),
  userId: z
    .uuid()
    .optional()
    .describe(
      'defaults to the caller; admins may create a token for another user of their role or below (audited as api_token.created_for_user)',
    ),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenSchema>;

export const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe('the secret, shown this once; Tocsin keeps only its hash'),
});
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
