/** The API tokens of the signed-in person. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewApiToken = BodyOf<paths['/api/v1/tokens']['post']>;

export function useTokens() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/tokens')).items);
}

export async function createToken(client: TocsinClient, body: NewApiToken) {
  return unwrap(await client.POST('/api/v1/tokens', { body }));
}

export async function revokeToken(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }));
}
