/** Shapes of audit entries and queries, shared with the HTTP layer. */
import { z } from 'zod';

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string().describe('ISO 8601 instant'),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  action: z.string().describe('verb.noun, e.g. user.created'),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  actorId: z.string().optional(),
  before: z.coerce.number().int().positive().optional().describe('return entries with an id lower than this (paging)'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
