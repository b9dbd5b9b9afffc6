/** Changes to who is on call without editing the rotation: overrides, swaps, and taking the pager. */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewOverride = BodyOf<paths['/api/v1/schedules/{id}/overrides']['post']>;
export type NewSwap = BodyOf<paths['/api/v1/schedules/{id}/swaps']['post']>;

const schedulePath = (id: string) => ({ params: { path: { id } } });

export function useOverrides(scheduleId: string, refreshKey?: unknown) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/overrides', schedulePath(scheduleId))).items,
    [scheduleId, refreshKey],
  );
}

export async function createOverride(client: TocsinClient, scheduleId: string, body: NewOverride) {
  return unwrap(await client.POST('/api/v1/schedules/{id}/overrides', { ...schedulePath(scheduleId), body }));
}

export async function deleteOverride(client: TocsinClient, scheduleId: string, overrideId: string) {
  return unwrap(
    await client.DELETE('/api/v1/schedules/{id}/overrides/{overrideId}', {
      params: { path: { id: scheduleId, overrideId } },
    }),
  );
}

export function useOpenSwaps(scheduleId: string, refreshKey?: unknown) {
  return useResource(
    async (client) =>
      unwrap(
        await client.GET('/api/v1/schedules/{id}/swaps', {
          params: { path: { id: scheduleId }, query: { status: 'open' } },
        }),
      ).items,
    [scheduleId, refreshKey],
  );
}

export async function offerSwap(client: TocsinClient, scheduleId: string, body: NewSwap) {
  return unwrap(await client.POST('/api/v1/schedules/{id}/swaps', { ...schedulePath(scheduleId), body }));
}

export async function takeSwap(client: TocsinClient, scheduleId: string, swapId: string) {
  return unwrap(
    await client.POST('/api/v1/schedules/{id}/swaps/{swapId}/take', {
      params: { path: { id: scheduleId, swapId } },
      body: {},
    }),
  );
}

export async function cancelSwap(client: TocsinClient, scheduleId: string, swapId: string) {
  return unwrap(
    await client.POST('/api/v1/schedules/{id}/swaps/{swapId}/cancel', { params: { path: { id: scheduleId, swapId } } }),
  );
}

export async function takePager(client: TocsinClient, scheduleId: string, hours: number) {
  return unwrap(
    await client.POST('/api/v1/schedules/{id}/take-pager', { ...schedulePath(scheduleId), body: { hours, note: '' } }),
  );
}
