/** Private calendar feeds: of my shifts, or of one schedule's. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';

export function useCalendarFeeds(refreshKey?: unknown) {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/calendars')).items, [refreshKey]);
}

/** A feed of the signed-in person's shifts, or (given a schedule) of that schedule's. */
export async function createCalendarFeed(client: TocsinClient, scheduleId?: string) {
  return unwrap(
    await client.POST('/api/v1/calendars', {
      body: scheduleId === undefined ? { kind: 'user' } : { kind: 'schedule', subject: scheduleId },
    }),
  );
}

export async function revokeCalendarFeed(client: TocsinClient, id: string) {
  return unwrap(await client.DELETE('/api/v1/calendars/{id}', { params: { path: { id } } }));
}
