/** The escalation policies API. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type PolicyInput = BodyOf<paths['/api/v1/escalation-policies']['post']>;

export async function listEscalationPolicies(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/escalation-policies')).items;
}

/** Every policy; none are loaded (an empty list) when `isEnabled` is false. */
export function useEscalationPolicies(isEnabled = true) {
  return useResource(async (client) => (isEnabled ? listEscalationPolicies(client) : []), [isEnabled]);
}

export async function createEscalationPolicy(client: TocsinClient, body: PolicyInput) {
  return unwrap(await client.POST('/api/v1/escalation-policies', { body }));
}

export async function updateEscalationPolicy(client: TocsinClient, id: string, body: PolicyInput) {
  return unwrap(await client.PATCH('/api/v1/escalation-policies/{id}', { params: { path: { id } }, body }));
}

export async function deleteEscalationPolicy(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/escalation-policies/{id}', { params: { path: { id } } }));
}
