/**
 * Permission checks. A user acts with their role; a token acts with its
 * user's role narrowed by its scopes. The system actor may do anything.
 */
import { type Actor, type Role, type Scope, roleAtLeast, scopeAllows } from '../../lib/actor.js';
import { AppError } from '../../lib/errors.js';

const SCOPE_FOR_ROLE: Record<Role, Scope> = {
  owner: 'admin',
  admin: 'admin',
  responder: 'write',
  viewer: 'read',
  stakeholder: 'read',
};

/** Throws `forbidden` unless the actor has at least `minimum` for `what`. */
export function requireRole(actor: Actor, minimum: Role, what: string): void {
  if (actor.type === 'system') return;
  if (!roleAtLeast(actor.role, minimum)) {
    throw new AppError(
      'forbidden',
      `Your role (${actor.role}) cannot ${what}: it needs the ${minimum} role or higher.`,
      {
        details: { role: actor.role, required: minimum },
      },
    );
  }
  const scope = SCOPE_FOR_ROLE[minimum];
  if (!scopeAllows(actor.scopes, scope)) {
    throw new AppError('forbidden', `This API token cannot ${what}: it needs the "${scope}" scope.`, {
      details: { scopes: actor.scopes, required: scope },
    });
  }
}

/**
 * Throws `forbidden` unless the actor's scopes include `scope`, whatever its
 * role: for changes a user may make to their own things (their profile, their
 * tokens, their calendar feeds), where no role is needed but a read-only
 * token must still not write.
 */
export function requireScope(actor: Actor, scope: Scope, what: string): void {
  if (actor.type === 'system' || scopeAllows(actor.scopes, scope)) return;
  throw new AppError('forbidden', `This API token cannot ${what}: it needs the "${scope}" scope.`, {
    details: { scopes: actor.scopes, required: scope },
  });
}

export function isSelf(actor: Actor, userId: string): boolean {
  return actor.type === 'user' && actor.userId === userId;
}
