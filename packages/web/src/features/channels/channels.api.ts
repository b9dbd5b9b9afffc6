/** The chat channels (Slack, Teams) that notices and escalations can post to. */
import { unwrap, type TocsinClient } from '@tocsin/sdk';
import { useResource } from '../../api/use-resource';

export async function listChannels(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/channels')).items;
}

export function useChannels() {
  return useResource(listChannels);
}
