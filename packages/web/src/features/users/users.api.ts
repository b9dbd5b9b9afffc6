/** The users API: the list of people and changes to one person. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewUser = BodyOf<paths['/api/v1/users']['post']>;
export type UserChanges = BodyOf<paths['/api/v1/users/{id}']['patch']>;

export async function listUsers(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/users')).items;
}

/** Every user; none are loaded (an empty list) when `isEnabled` is false. */
export function useUsers(isEnabled = true) {
  return useResource(async (client) => (isEnabled ? listUsers(client) : []), [isEnabled]);
}

export async function createUser(client: TocsinClient, body: NewUser) {
  return unwrap(await client.POST('/api/v1/users', { body }));
}

export async function updateUser(client: TocsinClient, id: string, body: UserChanges) {
  return unwrap(await client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
}

/** One person, by id. */
export function useUser(id: string) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/users/{id}', { params: { path: { id } } })),
    [id],
  );
}
