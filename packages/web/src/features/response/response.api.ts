/**
 * The incident response API (ADR 17): declaring, reporting and promoting;
 * one incident's response (roles, hand-offs, history, links, checklist) and
 * what responders change on it; the organisation's severities, categories
 * and roles.
 */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import type { Stage } from '../incidents/incidents.types';
import type {
  Declaration,
  EngageRole,
  HandoffAnswer,
  HandoffRequest,
  NewCategory,
  Promotion,
  Report,
  RoleChanges,
  SeverityChanges,
  SeverityKey,
} from './response.types';

const incidentPath = (id: string) => ({ params: { path: { id } } });

export function useSeverities() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/severities')).items);
}

export function useCategories() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/incident-categories')).items);
}

export function useIncidentRoles() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/incident-roles')).items);
}

/** A declared incident's response; nothing is loaded for an incident only paged (`isDeclared` false). */
export function useIncidentResponse(id: string | undefined, isDeclared: boolean) {
  return useResource(
    async (client) =>
      id === undefined || !isDeclared
        ? undefined
        : unwrap(await client.GET('/api/v1/incidents/{id}/response', incidentPath(id))),
    [id, isDeclared],
  );
}

export async function declareIncident(client: TocsinClient, body: Declaration) {
  return unwrap(await client.POST('/api/v1/incidents', { body }));
}

export async function reportIncident(client: TocsinClient, body: Report) {
  return unwrap(await client.POST('/api/v1/incidents/report', { body }));
}

export async function promoteIncident(client: TocsinClient, id: string, body: Promotion) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/declare', { ...incidentPath(id), body }));
}

export async function changeSeverity(client: TocsinClient, id: string, severity: SeverityKey, reason: string) {
  return unwrap(
    await client.POST('/api/v1/incidents/{id}/severity', { ...incidentPath(id), body: { severity, reason } }),
  );
}

export async function changeStage(client: TocsinClient, id: string, stage: Stage) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/stage', { ...incidentPath(id), body: { stage } }));
}

export async function changeCategory(client: TocsinClient, id: string, category: string | null) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/category', { ...incidentPath(id), body: { category } }));
}

export async function setImpactedServices(client: TocsinClient, id: string, serviceIds: string[]) {
  return unwrap(
    await client.PUT('/api/v1/incidents/{id}/impacted-services', { ...incidentPath(id), body: { serviceIds } }),
  );
}

export async function engageRole(client: TocsinClient, id: string, body: EngageRole) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/roles/engage', { ...incidentPath(id), body }));
}

export async function takeRole(client: TocsinClient, id: string, role: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/roles/take', { ...incidentPath(id), body: { role } }));
}

export async function requestHandoff(client: TocsinClient, id: string, body: HandoffRequest) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/handoffs', { ...incidentPath(id), body }));
}

export async function answerHandoff(client: TocsinClient, id: string, handoffId: string, answer: HandoffAnswer) {
  const params = { params: { path: { id, handoffId } } };
  if (answer === 'accept')
    return unwrap(await client.POST('/api/v1/incidents/{id}/handoffs/{handoffId}/accept', params));
  if (answer === 'decline')
    return unwrap(await client.POST('/api/v1/incidents/{id}/handoffs/{handoffId}/decline', params));
  return unwrap(await client.POST('/api/v1/incidents/{id}/handoffs/{handoffId}/cancel', params));
}

export async function linkIncident(client: TocsinClient, id: string, otherId: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/links', { ...incidentPath(id), body: { otherId } }));
}

export async function unlinkIncident(client: TocsinClient, id: string, otherId: string) {
  return unwrap(await client.DELETE('/api/v1/incidents/{id}/links/{otherId}', { params: { path: { id, otherId } } }));
}

export async function mergeIncident(client: TocsinClient, id: string, intoId: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/merge', { ...incidentPath(id), body: { intoId } }));
}

export async function tickChecklistItem(client: TocsinClient, id: string, key: string, done: boolean) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/checklist', { ...incidentPath(id), body: { key, done } }));
}

export async function updateSeverity(client: TocsinClient, key: SeverityKey, body: SeverityChanges) {
  return unwrap(await client.PATCH('/api/v1/severities/{key}', { params: { path: { key } }, body }));
}

export async function createCategory(client: TocsinClient, body: NewCategory) {
  return unwrap(await client.POST('/api/v1/incident-categories', { body }));
}

export async function updateIncidentRole(client: TocsinClient, slug: string, body: RoleChanges) {
  return unwrap(await client.PATCH('/api/v1/incident-roles/{slug}', { params: { path: { slug } }, body }));
}
