/** The status pages API: pages, their components and page incidents, and seed 004's definitions. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useEffect } from 'react';
import { useResource } from '../../api/use-resource';
import type {
  NewComponent,
  NewMaintenance,
  NewPageIncident,
  NewPageTemplate,
  NewPageUpdate,
  NewStatusPage,
} from './statuspages.types';

const page = (id: string) => ({ params: { path: { id } } });

export function useStatusPages() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/status-pages')).items);
}

export function useStatusPage(id: string) {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/status-pages/{id}', page(id))), [id]);
}

export function useComponents(id: string | undefined) {
  return useResource(
    async (client) =>
      id === undefined ? [] : unwrap(await client.GET('/api/v1/status-pages/{id}/components', page(id))).items,
    [id],
  );
}

export function useGroups(id: string) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/status-pages/{id}/groups', page(id))).items,
    [id],
  );
}

export function usePageIncidents(id: string) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/status-pages/{id}/incidents', page(id))).items,
    [id],
  );
}

export function useIncidentPageIncidents(incidentId: string) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/incidents/{id}/status-page-incidents', page(incidentId))).items,
    [incidentId],
  );
}

export function useDefinitions() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/status-pages/definitions')));
}

export async function createStatusPage(client: TocsinClient, body: NewStatusPage) {
  return unwrap(await client.POST('/api/v1/status-pages', { body }));
}

export async function createComponent(client: TocsinClient, pageId: string, body: NewComponent) {
  return unwrap(await client.POST('/api/v1/status-pages/{id}/components', { ...page(pageId), body }));
}

export async function createGroup(client: TocsinClient, pageId: string, name: string) {
  return unwrap(await client.POST('/api/v1/status-pages/{id}/groups', { ...page(pageId), body: { name } }));
}

export async function setComponentStatus(
  client: TocsinClient,
  pageId: string,
  componentId: string,
  body: { status: NewComponent['status']; confirmDisclosure?: boolean },
) {
  return unwrap(
    await client.PATCH('/api/v1/status-pages/{id}/components/{componentId}', {
      params: { path: { id: pageId, componentId } },
      body,
    }),
  );
}

export async function publishPageIncident(client: TocsinClient, pageId: string, body: NewPageIncident) {
  return unwrap(await client.POST('/api/v1/status-pages/{id}/incidents', { ...page(pageId), body }));
}

export async function postPageUpdate(
  client: TocsinClient,
  pageId: string,
  pageIncidentId: string,
  body: NewPageUpdate,
) {
  return unwrap(
    await client.POST('/api/v1/status-pages/{id}/incidents/{pageIncidentId}/updates', {
      params: { path: { id: pageId, pageIncidentId } },
      body,
    }),
  );
}

export function useSubscribers(id: string | undefined) {
  return useResource(
    async (client) =>
      id === undefined ? undefined : unwrap(await client.GET('/api/v1/status-pages/{id}/subscribers', page(id))),
    [id],
  );
}

export function useMaintenances(id: string) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/status-pages/{id}/maintenances', page(id))).items,
    [id],
  );
}

export async function removeSubscriber(client: TocsinClient, pageId: string, subscriberId: string) {
  unwrap(
    await client.DELETE('/api/v1/status-pages/{id}/subscribers/{subscriberId}', {
      params: { path: { id: pageId, subscriberId } },
    }),
  );
}

export function useAnnouncements(id: string | undefined) {
  return useResource(
    async (client) =>
      id === undefined ? undefined : unwrap(await client.GET('/api/v1/status-pages/{id}/announcements', page(id))),
    [id],
  );
}

export async function setAnnouncements(
  client: TocsinClient,
  pageId: string,
  body: { slack: string | null; teams: string | null },
) {
  return unwrap(await client.PUT('/api/v1/status-pages/{id}/announcements', { ...page(pageId), body }));
}

export async function scheduleMaintenance(client: TocsinClient, pageId: string, body: NewMaintenance) {
  return unwrap(await client.POST('/api/v1/status-pages/{id}/maintenances', { ...page(pageId), body }));
}

/** Drops a person's status: the component returns to what its signals say. */
export async function clearStatusOverride(client: TocsinClient, pageId: string, componentId: string) {
  return unwrap(
    await client.PATCH('/api/v1/status-pages/{id}/components/{componentId}', {
      params: { path: { id: pageId, componentId } },
      body: { clearOverride: true },
    }),
  );
}

/**
 * A change to a page's templates, so that every picker on the screen (the
 * admin list, the maintenance form, the update forms) shows it at once.
 */
const templatesChanged = new EventTarget();
const announceTemplatesChanged = () => templatesChanged.dispatchEvent(new Event('changed'));

export function useTemplates(id: string | undefined) {
  const templates = useResource(
    async (client) =>
      id === undefined ? [] : unwrap(await client.GET('/api/v1/status-pages/{id}/templates', page(id))).items,
    [id],
  );
  const { reload } = templates;
  useEffect(() => {
    templatesChanged.addEventListener('changed', reload);
    return () => templatesChanged.removeEventListener('changed', reload);
  }, [reload]);
  return templates;
}

export async function createTemplate(client: TocsinClient, pageId: string, body: NewPageTemplate) {
  const created = unwrap(await client.POST('/api/v1/status-pages/{id}/templates', { ...page(pageId), body }));
  announceTemplatesChanged();
  return created;
}

export async function updateTemplate(
  client: TocsinClient,
  pageId: string,
  templateId: string,
  body: Partial<NewPageTemplate>,
) {
  const updated = unwrap(
    await client.PATCH('/api/v1/status-pages/{id}/templates/{templateId}', {
      params: { path: { id: pageId, templateId } },
      body,
    }),
  );
  announceTemplatesChanged();
  return updated;
}

export async function deleteTemplate(client: TocsinClient, pageId: string, templateId: string) {
  unwrap(
    await client.DELETE('/api/v1/status-pages/{id}/templates/{templateId}', {
      params: { path: { id: pageId, templateId } },
    }),
  );
  announceTemplatesChanged();
}
