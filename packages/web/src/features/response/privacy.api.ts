/**
 * Private incidents' people (ADR 18): following an incident (oneself or
 * someone else), making a declared incident private or public, and the
 * organisation's security team, whose members see every private incident.
 */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import { listTeams } from '../teams/teams.api';

const incidentPath = (id: string) => ({ params: { path: { id } } });

/** Follows an incident: the viewer, or `userId` (anyone who sees it may add someone). */
export async function followIncident(client: TocsinClient, id: string, userId?: string) {
  return unwrap(
    await client.POST('/api/v1/incidents/{id}/followers', { ...incidentPath(id), body: userId ? { userId } : {} }),
  );
}

/** Stops following: the viewer, or `userId` (a responder removes someone else). */
export async function unfollowIncident(client: TocsinClient, id: string, userId?: string) {
  return unwrap(
    await client.DELETE('/api/v1/incidents/{id}/followers', {
      params: { path: { id }, query: userId ? { userId } : {} },
    }),
  );
}

export async function setIncidentPrivate(client: TocsinClient, id: string, isPrivate: boolean) {
  return unwrap(
    await client.PUT('/api/v1/incidents/{id}/privacy', { ...incidentPath(id), body: { private: isPrivate } }),
  );
}

/** The security team with its members, or null when none is named (admins only; nothing is loaded when `isEnabled` is false). */
export function useSecurityTeam(isEnabled = true) {
  return useResource(
    async (client) => {
      if (!isEnabled) return undefined;
      const { teamId } = unwrap(await client.GET('/api/v1/settings/security-team'));
      return { teamId, team: teamId ? ((await listTeams(client)).find((t) => t.id === teamId) ?? null) : null };
    },
    [isEnabled],
  );
}

export async function setSecurityTeam(client: TocsinClient, teamId: string | null) {
  return unwrap(await client.PUT('/api/v1/settings/security-team', { body: { teamId } }));
}
