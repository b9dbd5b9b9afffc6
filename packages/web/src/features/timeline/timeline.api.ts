/** The timeline API beyond reading it: stars for the postmortem, editing and deleting your own notes, a note's versions. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';

const entryPath = (incidentId: string, entryId: string) => ({ params: { path: { id: incidentId, entryId } } });

/** Stars or unstars an entry (responders). */
export async function setTimelineStar(client: TocsinClient, incidentId: string, entryId: string, isStarred: boolean) {
  const path = entryPath(incidentId, entryId);
  return unwrap(
    isStarred
      ? await client.PUT('/api/v1/incidents/{id}/timeline/{entryId}/star', path)
      : await client.DELETE('/api/v1/incidents/{id}/timeline/{entryId}/star', path),
  );
}

/** A new version of your own note; the earlier text stays in its history. */
export async function editNote(client: TocsinClient, incidentId: string, entryId: string, text: string) {
  return unwrap(
    await client.PATCH('/api/v1/incidents/{id}/timeline/{entryId}', {
      ...entryPath(incidentId, entryId),
      body: { text },
    }),
  );
}

/** Deletes your own note (an admin: anyone's); it stays as a tombstone. */
export async function deleteNote(client: TocsinClient, incidentId: string, entryId: string) {
  return unwrap(await client.DELETE('/api/v1/incidents/{id}/timeline/{entryId}', entryPath(incidentId, entryId)));
}

/** Every version of a note, oldest first; `version` reloads it when the note changes. */
export function useNoteHistory(incidentId: string, entryId: string, version: number) {
  return useResource(
    async (client) =>
      unwrap(await client.GET('/api/v1/incidents/{id}/timeline/{entryId}/history', entryPath(incidentId, entryId)))
        .items,
    [incidentId, entryId, version],
  );
}
