/**
 * The status updates API: one declared incident's updates (newest first),
 * posting one (which may move the stage), a draft filled from a stage's
 * canned text, and the organisation's templates.
 */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';
import type { NewStatusUpdate, TemplateStage } from './updates.types';

const at = (id: string) => ({ params: { path: { id } } });

/** A declared incident's updates; nothing is loaded for one only paged. */
export function useStatusUpdates(id: string, isDeclared: boolean) {
  return useResource(
    async (client) =>
      isDeclared ? unwrap(await client.GET('/api/v1/incidents/{id}/updates', at(id))).items : undefined,
    [id, isDeclared],
  );
}

export function useUpdateTemplates() {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/update-templates')).items);
}

export async function postStatusUpdate(client: TocsinClient, id: string, body: NewStatusUpdate) {
  return unwrap(await client.POST('/api/v1/incidents/{id}/updates', { ...at(id), body }));
}

export async function draftStatusUpdate(client: TocsinClient, id: string, stage: TemplateStage) {
  return unwrap(
    await client.GET('/api/v1/incidents/{id}/updates/draft', { params: { path: { id }, query: { stage } } }),
  );
}
