/**
 * Audit: the append-only record of every change: who, when, what, before and
 * after. Modules call `recordAudit` inside the transaction that makes the
 * change, so a change and its record commit together. Admins read it.
 */
export { recordAudit, listAudit } from './audit.service.js';
export { AuditEntrySchema, AuditQuerySchema } from './audit.schema.js';
export type { AuditEntry, AuditQuery } from './audit.schema.js';
