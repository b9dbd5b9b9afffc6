/**
 * The actor: who is doing something. Every use case takes one explicitly, so
 * permissions and the audit log never guess from ambient state.
 */

export type Role = 'owner' | 'admin' | 'responder' | 'viewer' | 'stakeholder';
export const ROLES: readonly Role[] = ['owner', 'admin', 'responder', 'viewer', 'stakeholder'];

export type Scope = 'read' | 'write' | 'admin';
export const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

export type Actor =
  | {
      type: 'user';
      userId: string;
      label: string;
      role: Role;
      scopes: readonly Scope[];
      via: 'session' | 'token' | 'cli';
      /** When the API token acting expires, if it does: what it creates must not outlive it. */
      tokenExpiresAt?: Date;
    }
  | { type: 'system'; label: string };

export const systemActor = (label = 'system'): Actor => ({ type: 'system', label });

/** Rank used for "at least this role"; stakeholders read like viewers but see less. */
const RANK: Record<Role, number> = { owner: 4, admin: 3, responder: 2, viewer: 1, stakeholder: 0 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/**
 * Scopes are nested: read ⊂ write ⊂ admin. A token with `write` may read, one
 * with `admin` may do anything its user's role allows.
 */
const SCOPE_RANK: Record<Scope, number> = { read: 0, write: 1, admin: 2 };

/** What a scope lets a token do, whatever its user's role. */
export function scopeAllows(scopes: readonly Scope[], needed: Scope): boolean {
  return scopes.some((scope) => SCOPE_RANK[scope] >= SCOPE_RANK[needed]);
}
