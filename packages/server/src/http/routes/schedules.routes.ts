/** On-call schedules: layers, versions, previews, checks, overrides, swaps, and who is on call. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cancelSwap,
  ChecksQuerySchema,
  ChecksSchema,
  createFollowTheSunSchedule,
  createOverride,
  CreateOverrideSchema,
  createSchedule,
  CreateScheduleSchema,
  CreateSwapSchema,
  deleteSchedule,
  FollowTheSunSchema,
  formatOnCallAnswer,
  getChecks,
  getSchedule,
  getTimeline,
  getVersion,
  LayerTimelineSchema,
  listOverrides,
  listSchedules,
  listSwaps,
  listVersions,
  offerSwap,
  OnCallAnswerSchema,
  OnCallQuerySchema,
  OverrideListQuerySchema,
  OverrideSchema,
  previewSchedule,
  PreviewResultSchema,
  PreviewSchema,
  RangeQuerySchema,
  removeOverride,
  restoreVersion,
  SaveResultSchema,
  ScheduleSchema,
  ShiftSchema,
  SwapListQuerySchema,
  SwapSchema,
  takePager,
  TakePagerSchema,
  takeSwap,
  TakeSwapSchema,
  updateSchedule,
  UpdateScheduleSchema,
  VersionListItemSchema,
  VersionSchema,
  whoIsOnCall,
  type OnCallLookups,
  getMyOnCall,
  MyOnCallSchema,
  MyOnCallQuerySchema,
} from '../../modules/schedules/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { IdParams, listOf, privateErrors } from './shared.js';

const tags = ['schedules'];
const VersionParams = z.strictObject({ id: z.string().min(1).max(200), number: z.coerce.number().int().min(1) });
const OverrideParams = z.strictObject({ id: z.string().min(1).max(200), overrideId: z.uuid() });
const SwapParams = z.strictObject({ id: z.string().min(1).max(200), swapId: z.uuid() });
const TeamQuery = z.strictObject({
  team: z.string().min(1).max(200).optional().describe('only the schedules of this team (id or slug)'),
});
const AtQuery = z.strictObject({ at: OnCallQuerySchema.shape.at });
const OnCallResponse = OnCallAnswerSchema.extend({
  text: z.string().describe('the same answer in words, as the chat command gives it'),
});
const TimelineSchema = z.object({
  from: z.string(),
  to: z.string(),
  shifts: z.array(ShiftSchema),
  layers: z.array(LayerTimelineSchema),
});

export interface ScheduleRouteOptions extends OnCallLookups {
  /** Refuses to delete a schedule something still relies on (wired by the app). */
  beforeDelete?: Parameters<typeof deleteSchedule>[2] extends infer O
    ? O extends { beforeDelete?: infer F }
      ? F
      : never
    : never;
}

export function registerScheduleRoutes(app: FastifyInstance, deps: HttpDeps, options: ScheduleRouteOptions = {}): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const answer = async (ctx: ReturnType<typeof ctxOf>, query: z.infer<typeof OnCallQuerySchema>) => {
    const result = await whoIsOnCall(
      ctx,
      {
        ...(query.schedule && { schedule: query.schedule }),
        ...(query.team && { team: query.team }),
        ...(query.service && { service: query.service }),
        ...(query.policy && { policy: query.policy }),
        ...(query.at && { at: new Date(query.at) }),
      },
      options,
    );
    return { ...result, text: formatOnCallAnswer(result, { now: ctx.clock.now() }) };
  };

  r.get('/api/v1/oncall', {
    schema: {
      tags,
      summary:
        'Who is on call now (or at a time): for a schedule, a team, a service or escalation policy (every level), or every schedule',
      querystring: OnCallQuerySchema,
      response: { 200: OnCallResponse, ...privateErrors },
    },
    handler: async (request) => answer(ctxOf(deps, request), request.query),
  });

  r.get('/api/v1/oncall/mine', {
    schema: {
      tags,
      summary:
        'My on-call shifts: in progress and to come across every schedule, the next one, and the policies that page me directly',
      querystring: MyOnCallQuerySchema,
      response: { 200: MyOnCallSchema, ...privateErrors },
    },
    handler: async (request) => getMyOnCall(ctxOf(deps, request), request.query, options),
  });

  r.get('/api/v1/schedules', {
    schema: {
      tags,
      summary: 'List schedules with who is on call now',
      querystring: TeamQuery,
      response: { 200: listOf(ScheduleSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listSchedules(ctxOf(deps, request), request.query.team ? { team: request.query.team } : {}),
    }),
  });

  r.post('/api/v1/schedules', {
    schema: {
      tags,
      summary: 'Create a schedule (admin, or a manager of its team); answers with its first version and the checks',
      body: CreateScheduleSchema,
      response: { 201: SaveResultSchema, ...privateErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createSchedule(ctxOf(deps, request), request.body)),
  });

  r.post('/api/v1/schedules/follow-the-sun', {
    schema: {
      tags,
      summary: 'Create a follow-the-sun schedule in one step: one layer per region, each covering its daytime',
      body: FollowTheSunSchema,
      response: { 201: SaveResultSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createFollowTheSunSchedule(ctxOf(deps, request), request.body)),
  });

  r.post('/api/v1/schedules/preview', {
    config: { scope: 'read' }, // computes, saves nothing
    schema: {
      tags,
      summary: 'Preview a definition without saving it: who would be on call, the diff and the checks',
      body: PreviewSchema,
      response: { 200: PreviewResultSchema, ...privateErrors },
    },
    handler: async (request) => previewSchedule(ctxOf(deps, request), request.body),
  });

  r.get('/api/v1/schedules/:id', {
    schema: {
      tags,
      summary: 'Read a schedule by id or name: the version in effect now',
      params: IdParams,
      response: { 200: ScheduleSchema, ...privateErrors },
    },
    handler: async (request) => getSchedule(ctxOf(deps, request), request.params.id),
  });

  r.patch('/api/v1/schedules/:id', {
    schema: {
      tags,
      summary: 'Change a schedule: a new version from now (or later), with its readable diff and the checks',
      params: IdParams,
      body: UpdateScheduleSchema,
      response: { 200: SaveResultSchema, ...privateErrors },
    },
    handler: async (request) => updateSchedule(ctxOf(deps, request), request.params.id, request.body),
  });

  r.delete('/api/v1/schedules/:id', {
    schema: {
      tags,
      summary: 'Delete a schedule with its history (admin, or a manager of its team)',
      params: IdParams,
      response: { 204: z.null(), ...privateErrors },
    },
    handler: async (request, reply) => {
      await deleteSchedule(
        ctxOf(deps, request),
        request.params.id,
        options.beforeDelete ? { beforeDelete: options.beforeDelete } : {},
      );
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/schedules/:id/versions', {
    schema: {
      tags,
      summary: 'The history of a schedule: every version with author, time and readable diff',
      params: IdParams,
      response: { 200: listOf(VersionListItemSchema), ...privateErrors },
    },
    handler: async (request) => ({ items: await listVersions(ctxOf(deps, request), request.params.id) }),
  });

  r.get('/api/v1/schedules/:id/versions/:number', {
    schema: {
      tags,
      summary: 'One version of a schedule, with its definition',
      params: VersionParams,
      response: { 200: VersionSchema, ...privateErrors },
    },
    handler: async (request) => getVersion(ctxOf(deps, request), request.params.id, request.params.number),
  });

  r.post('/api/v1/schedules/:id/versions/:number/restore', {
    schema: {
      tags,
      summary: 'Restore a version: a new version, effective now, equal to it',
      params: VersionParams,
      response: { 200: SaveResultSchema, ...privateErrors },
    },
    handler: async (request) => restoreVersion(ctxOf(deps, request), request.params.id, request.params.number),
  });

  r.get('/api/v1/schedules/:id/timeline', {
    schema: {
      tags,
      summary: 'The final shifts and each layer over a range (default: the next 4 weeks)',
      params: IdParams,
      querystring: RangeQuerySchema,
      response: { 200: TimelineSchema, ...privateErrors },
    },
    handler: async (request) => getTimeline(ctxOf(deps, request), request.params.id, request.query),
  });

  r.get('/api/v1/schedules/:id/shifts', {
    schema: {
      tags,
      summary: 'The final shifts over a range, overrides included (JSON export)',
      params: IdParams,
      querystring: RangeQuerySchema,
      response: { 200: listOf(ShiftSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: (await getTimeline(ctxOf(deps, request), request.params.id, request.query)).shifts,
    }),
  });

  r.get('/api/v1/schedules/:id/checks', {
    schema: {
      tags,
      summary: 'Gaps, double bookings and load per person over the coming weeks',
      params: IdParams,
      querystring: ChecksQuerySchema,
      response: { 200: ChecksSchema, ...privateErrors },
    },
    handler: async (request) => getChecks(ctxOf(deps, request), request.params.id, request.query.weeks),
  });

  r.get('/api/v1/schedules/:id/oncall', {
    schema: {
      tags,
      summary: 'Who is on call for this schedule now (or at a time)',
      params: IdParams,
      querystring: AtQuery,
      response: { 200: OnCallResponse, ...privateErrors },
    },
    handler: async (request) =>
      answer(ctxOf(deps, request), { schedule: request.params.id, ...(request.query.at && { at: request.query.at }) }),
  });

  r.get('/api/v1/schedules/:id/overrides', {
    schema: {
      tags,
      summary: 'Overrides that apply within a range (default: the next 4 weeks)',
      params: IdParams,
      querystring: OverrideListQuerySchema,
      response: { 200: listOf(OverrideSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listOverrides(ctxOf(deps, request), request.params.id, request.query),
    }),
  });

  r.post('/api/v1/schedules/:id/overrides', {
    schema: {
      tags,
      summary: 'Put someone on call for a window: add, replace or remove (yourself, or anyone as a manager)',
      params: IdParams,
      body: CreateOverrideSchema,
      response: { 201: OverrideSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createOverride(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.delete('/api/v1/schedules/:id/overrides/:overrideId', {
    schema: {
      tags,
      summary: 'Remove an override: it ends now (or never starts); what it already did stays',
      params: OverrideParams,
      response: { 200: OverrideSchema, ...privateErrors },
    },
    handler: async (request) => removeOverride(ctxOf(deps, request), request.params.id, request.params.overrideId),
  });

  r.post('/api/v1/schedules/:id/take-pager', {
    schema: {
      tags,
      summary: 'Take the pager now: be the one on call for the next N hours',
      params: IdParams,
      body: TakePagerSchema,
      response: { 201: OverrideSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await takePager(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.get('/api/v1/schedules/:id/swaps', {
    schema: {
      tags,
      summary: 'The swap market of a schedule: offers to cover someone',
      params: IdParams,
      querystring: SwapListQuerySchema,
      response: { 200: listOf(SwapSchema), ...privateErrors },
    },
    handler: async (request) => ({
      items: await listSwaps(ctxOf(deps, request), request.params.id, request.query.status),
    }),
  });

  r.post('/api/v1/schedules/:id/swaps', {
    schema: {
      tags,
      summary: 'Offer a shift or part of one ("cover me"), to anyone in the schedule or to one person',
      params: IdParams,
      body: CreateSwapSchema,
      response: { 201: SwapSchema, ...privateErrors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await offerSwap(ctxOf(deps, request), request.params.id, request.body)),
  });

  r.post('/api/v1/schedules/:id/swaps/:swapId/take', {
    schema: {
      tags,
      summary: 'Take an offered swap: it becomes an override',
      params: SwapParams,
      body: TakeSwapSchema.nullish().describe('optional: who takes it'),
      response: { 200: SwapSchema, ...privateErrors },
    },
    handler: async (request) =>
      takeSwap(ctxOf(deps, request), request.params.id, request.params.swapId, request.body ?? {}),
  });

  r.post('/api/v1/schedules/:id/swaps/:swapId/cancel', {
    schema: {
      tags,
      summary: 'Withdraw an open swap offer',
      params: SwapParams,
      response: { 200: SwapSchema, ...privateErrors },
    },
    handler: async (request) => cancelSwap(ctxOf(deps, request), request.params.id, request.params.swapId),
  });
}
