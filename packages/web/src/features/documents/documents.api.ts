/**
 * The live state document API: one declared incident's document, saving a
 * section from the version the edit started from (a stale save is refused
 * with the current text: `conflictOf` finds it), objectives, actions, links.
 */
import { TocsinApiError, unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import type { NewAction, NewLink, SectionConflict, SectionKey } from './documents.types';

const at = (id: string) => ({ params: { path: { id } } });
const item = (id: string, itemId: string) => ({ params: { path: { id, itemId } } });

/** A declared incident's document; nothing is loaded for one only paged. */
export function useIncidentDocument(id: string, isDeclared: boolean) {
  return useResource(
    async (client) => (isDeclared ? unwrap(await client.GET('/api/v1/incidents/{id}/document', at(id))) : undefined),
    [id, isDeclared],
  );
}

export async function saveSection(
  client: TocsinClient,
  id: string,
  key: SectionKey,
  body: { text: string; baseVersion: number },
) {
  return unwrap(
    await client.PUT('/api/v1/incidents/{id}/document/sections/{key}', { params: { path: { id, key } }, body }),
  );
}

/** The section someone else saved, when a save was refused as stale (409); undefined for any other failure. */
export function conflictOf(error: unknown): SectionConflict | undefined {
  if (!(error instanceof TocsinApiError) || error.status !== 409) return undefined;
  const details = error.details as Partial<SectionConflict> | undefined;
  return details?.current ? { current: details.current } : undefined;
}

/** A section's versions, newest first; loaded again when the current version moves (nothing before the first save). */
export function useSectionHistory(id: string, key: SectionKey, version: number) {
  return useResource(
    async (client) =>
      version > 0
        ? unwrap(
            await client.GET('/api/v1/incidents/{id}/document/sections/{key}/history', {
              params: { path: { id, key } },
            }),
          ).items
        : undefined,
    [id, key, version],
  );
}

export async function addObjective(client: TocsinClient, id: string, text: string) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/document/objectives', { ...at(id), body: { text } }));
}

export async function updateObjective(
  client: TocsinClient,
  id: string,
  objectiveId: string,
  body: { text?: string; met?: boolean },
) {
  return unwrap(
    await client.PATCH('/api/v1/incidents/{id}/document/objectives/{itemId}', { ...item(id, objectiveId), body }),
  );
}

export async function removeObjective(client: TocsinClient, id: string, objectiveId: string) {
  return unwrap(await client.DELETE('/api/v1/incidents/{id}/document/objectives/{itemId}', item(id, objectiveId)));
}

export async function addAction(client: TocsinClient, id: string, body: NewAction) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/document/actions', { ...at(id), body }));
}

export async function removeAction(client: TocsinClient, id: string, actionId: string) {
  return unwrap(await client.DELETE('/api/v1/incidents/{id}/document/actions/{itemId}', item(id, actionId)));
}

export async function addLink(client: TocsinClient, id: string, body: NewLink) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/document/links', { ...at(id), body }));
}

export async function removeLink(client: TocsinClient, id: string, linkId: string) {
  return unwrap(await client.DELETE('/api/v1/incidents/{id}/document/links/{itemId}', item(id, linkId)));
}
