/** The services API: services, their integration keys and maintenance windows. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';
import { listEscalationPolicies } from '../escalation/escalation.api';
import { listTeams } from '../teams/teams.api';

export type NewService = BodyOf<paths['/api/v1/services']['post']>;
export type ServiceChanges = BodyOf<paths['/api/v1/services/{id}']['patch']>;
export type NewIntegrationKey = BodyOf<paths['/api/v1/services/{id}/integration-keys']['post']>;
export type NewMaintenanceWindow = BodyOf<paths['/api/v1/services/{id}/maintenance-windows']['post']>;

export function useServices() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/services')).items);
}

/** One service; nothing is loaded while `id` is not known yet. */
export function useService(id: string | undefined) {
  return useResource(
    async (client) =>
      id === undefined ? undefined : unwrap(await client.GET('/api/v1/services/{id}', { params: { path: { id } } })),
    [id],
  );
}

export function useIntegrationKeys(serviceId: string) {
  return useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/services/{id}/integration-keys', { params: { path: { id: serviceId } } })).items,
    [serviceId],
  );
}

export function useMaintenanceWindows(serviceId: string) {
  return useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/services/{id}/maintenance-windows', { params: { path: { id: serviceId } } }))
        .items,
    [serviceId],
  );
}

/** What the edit form offers (policies and teams); only admins edit, so nothing is loaded unless `isEnabled`. */
export function useServiceEditChoices(isEnabled: boolean) {
  return useResource(
    async (client) => {
      if (!isEnabled) return { policies: [], teams: [] };
      const [policies, teams] = await Promise.all([listEscalationPolicies(client), listTeams(client)]);
      return { policies, teams };
    },
    [isEnabled],
  );
}

export async function createService(client: TocsinClient, body: NewService) {
  return unwrap(await client.POST('/api/v1/services', { body }));
}

export async function updateService(client: TocsinClient, id: string, body: ServiceChanges) {
  return unwrap(await client.PATCH('/api/v1/services/{id}', { params: { path: { id } }, body }));
}

export async function deleteService(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/services/{id}', { params: { path: { id } } }));
}

export async function createIntegrationKey(client: TocsinClient, serviceId: string, body: NewIntegrationKey) {
  return unwrap(
    await client.POST('/api/v1/services/{id}/integration-keys', { params: { path: { id: serviceId } }, body }),
  );
}

const keyPath = (serviceId: string, keyId: string) => ({ params: { path: { id: serviceId, keyId } } });

export async function renameIntegrationKey(client: TocsinClient, serviceId: string, keyId: string, name: string) {
  return unwrap(
    await client.PATCH('/api/v1/services/{id}/integration-keys/{keyId}', {
      ...keyPath(serviceId, keyId),
      body: { name },
    }),
  );
}

export async function rotateIntegrationKey(client: TocsinClient, serviceId: string, keyId: string) {
  return unwrap(await client.POST('/api/v1/services/{id}/integration-keys/{keyId}/rotate', keyPath(serviceId, keyId)));
}

export async function deleteIntegrationKey(client: TocsinClient, serviceId: string, keyId: string) {
  return unwrap(await client.DELETE('/api/v1/services/{id}/integration-keys/{keyId}', keyPath(serviceId, keyId)));
}

export async function openMaintenanceWindow(client: TocsinClient, serviceId: string, body: NewMaintenanceWindow) {
  return unwrap(
    await client.POST('/api/v1/services/{id}/maintenance-windows', { params: { path: { id: serviceId } }, body }),
  );
}

export async function deleteMaintenanceWindow(client: TocsinClient, serviceId: string, windowId: string) {
  return unwrap(
    await client.DELETE('/api/v1/services/{id}/maintenance-windows/{windowId}', {
      params: { path: { id: serviceId, windowId } },
    }),
  );
}
