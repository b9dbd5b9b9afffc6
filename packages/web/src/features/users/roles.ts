/**
 * Roles as the UI shows them. The server decides every permission; the UI
 * only hides what a role cannot do, so people are not offered dead ends.
 */
import type { Role } from './users.types';

export const ROLES: readonly Role[] = ['owner', 'admin', 'responder', 'viewer', 'stakeholder'];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  responder: 'Responder',
  viewer: 'Viewer',
  stakeholder: 'Stakeholder',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Owner: everything, including making owners',
  admin: 'Admin: manages users, teams and configuration',
  responder: 'Responder: is paged and runs incidents',
  viewer: 'Viewer: reads everything, changes nothing',
  stakeholder: 'Stakeholder: follows incidents that concern them',
};

export function isAdmin(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}

/** The roles someone may hand out: only owners make owners. */
export function grantableRoles(role: Role): readonly Role[] {
  return role === 'owner' ? ROLES : ROLES.filter((r) => r !== 'owner');
}
