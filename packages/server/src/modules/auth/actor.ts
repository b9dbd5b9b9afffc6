/** Building the Actor for a user row. */
import type { Actor, Role, Scope } from '../../lib/actor.js';

export function actorForUser(
  user: { id: string; name: string; email: string; role: Role },
  via: 'session' | 'token' | 'cli',
  scopes: readonly Scope[] = ['read', 'write', 'admin'],
): Extract<Actor, { type: 'user' }> {
  return { type: 'user', userId: user.id, label: `${user.name} <${user.email}>`, role: user.role, scopes, via };
}
