/** The teams API: teams and their members. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewTeam = BodyOf<paths['/api/v1/teams']['post']>;
export type TeamRole = BodyOf<paths['/api/v1/teams/{id}/members/{userId}']['put']>['role'];

export async function listTeams(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/teams')).items;
}

export function useTeams() {
  return useResource(listTeams);
}

export async function createTeam(client: TocsinClient, body: NewTeam) {
  return unwrap(await client.POST('/api/v1/teams', { body }));
}

export async function setTeamMember(client: TocsinClient, teamId: string, userId: string, role: TeamRole) {
  return unwrap(
    await client.PUT('/api/v1/teams/{id}/members/{userId}', {
      params: { path: { id: teamId, userId } },
      body: { role },
    }),
  );
}

export async function removeTeamMember(client: TocsinClient, teamId: string, userId: string) {
  return unwrap(
    await client.DELETE('/api/v1/teams/{id}/members/{userId}', { params: { path: { id: teamId, userId } } }),
  );
}
