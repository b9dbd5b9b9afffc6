/**
 * Access: the permission checks every use case calls with its actor. A user
 * acts with their role; an API token with its user's role narrowed by its
 * scopes. It owns no tables and imports no other module, so any module can
 * depend on it without a cycle.
 */
export { requireRole, requireScope, isSelf } from './permissions.js';
