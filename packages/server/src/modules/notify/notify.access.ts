/** Who may see and change a person's contact methods and rules: that person, or an admin. */
import { scopeAllows, type Actor } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';
import { isSelf, requireRole } from '../access/index.js';

export function requireSelfOrAdmin(actor: Actor, userId: string, what: string, mode: 'read' | 'write'): void {
  if (isSelf(actor, userId) && actor.type === 'user') {
    if (mode === 'write' && !scopeAllows(actor.scopes, 'write')) {
      throw new AppError('forbidden', `This API token cannot ${what}: it needs the "write" scope.`, {
        details: { scopes: actor.scopes, required: 'write' },
      });
    }
    return;
  }
  requireRole(actor, 'admin', `${what} of other people`);
}
