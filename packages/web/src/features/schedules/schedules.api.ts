/**
 * The schedules API: schedules, their previews, checks, versions and
 * timelines, and who is on call. Hooks taking `refreshKey` load again
 * whenever it changes (after a change elsewhere on the screen).
 */
import { unwrap, type paths, type TocsinClient } from '@tocsin/sdk';
import type { BodyOf } from '../../api/openapi-shapes';
import { useResource } from '../../api/use-resource';

export type NewSchedule = BodyOf<paths['/api/v1/schedules']['post']>;
export type ScheduleChanges = BodyOf<paths['/api/v1/schedules/{id}']['patch']>;
export type PreviewRequest = BodyOf<paths['/api/v1/schedules/preview']['post']>;

const schedulePath = (id: string) => ({ params: { path: { id } } });

export async function listSchedules(client: TocsinClient) {
  return unwrap(await client.GET('/api/v1/schedules')).items;
}

export function useSchedules() {
  return useResource(listSchedules);
}

export function useSchedule(id: string, refreshKey?: unknown) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}', schedulePath(id))),
    [id, refreshKey],
  );
}

/** The shifts between `from` and `from` + `days`; nothing is loaded while `from` is not known yet. */
export function useScheduleTimeline(id: string, from: Date | undefined, days: number, refreshKey?: unknown) {
  return useResource(
    async (client) => {
      if (!from) return undefined;
      const query = { from: from.toISOString(), to: new Date(from.getTime() + days * 86_400_000).toISOString() };
      return unwrap(await client.GET('/api/v1/schedules/{id}/timeline', { params: { path: { id }, query } }));
    },
    [id, from?.getTime(), days, refreshKey],
  );
}

export function useScheduleChecks(id: string, refreshKey?: unknown) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/checks', schedulePath(id))),
    [id, refreshKey],
  );
}

export function useScheduleVersions(id: string, refreshKey?: unknown) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/schedules/{id}/versions', schedulePath(id))).items,
    [id, refreshKey],
  );
}

export function useOnCall(refreshKey?: unknown) {
  return useResource(async (client) => unwrap(await client.GET('/api/v1/oncall')), [refreshKey]);
}

/** Who is on call now at every level of a service's or an escalation policy's escalation. */
export function useLevelsOnCall(scope: { service: string } | { policy: string }, refreshKey?: unknown) {
  const key = 'service' in scope ? `service:${scope.service}` : `policy:${scope.policy}`;
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/oncall', { params: { query: scope } })),
    [key, refreshKey],
  );
}

/** My shifts now and to come, the next one, and the policies that page me directly. */
export function useMyOnCall(weeks: number, refreshKey?: unknown) {
  return useResource(
    async (client) => unwrap(await client.GET('/api/v1/oncall/mine', { params: { query: { weeks } } })),
    [weeks, refreshKey],
  );
}

export async function createSchedule(client: TocsinClient, body: NewSchedule) {
  return unwrap(await client.POST('/api/v1/schedules', { body }));
}

export async function updateSchedule(client: TocsinClient, id: string, body: ScheduleChanges) {
  return unwrap(await client.PATCH('/api/v1/schedules/{id}', { ...schedulePath(id), body }));
}

export async function previewSchedule(client: TocsinClient, body: PreviewRequest) {
  return unwrap(await client.POST('/api/v1/schedules/preview', { body }));
}

export async function restoreScheduleVersion(client: TocsinClient, id: string, number: number) {
  return unwrap(
    await client.POST('/api/v1/schedules/{id}/versions/{number}/restore', { params: { path: { id, number } } }),
  );
}
