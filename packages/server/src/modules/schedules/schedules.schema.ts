/** Shapes of schedules, versions, checks and on-call answers, shared with the HTTP layer. */
import { z } from 'zod';
import {
  DefinitionSchema,
  LayerSchema,
  LocalDateSchema,
  ShiftLengthSchema,
  TimeOfDaySchema,
  ZoneSchema,
} from './definition.schema.js';

export const ScheduleNameSchema = z.string().trim().min(1).max(200);
export const InstantSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a zone, e.g. 2026-03-01T09:00:00Z',
});

export const OnCallUserSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
export type OnCallUser = z.infer<typeof OnCallUserSchema>;

export const VersionSchema = z.object({
  number: z.int(),
  effectiveFrom: z.string(),
  definition: DefinitionSchema,
  author: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  summary: z.string().describe('the readable diff from the version before'),
  restoredFromVersion: z.int().nullable(),
  createdAt: z.string(),
});
export type Version = z.infer<typeof VersionSchema>;

export const VersionListItemSchema = VersionSchema.omit({ definition: true });
export type VersionListItem = z.infer<typeof VersionListItemSchema>;

export const ScheduleSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  teamId: z.uuid().nullable(),
  timeZone: z.string(),
  definition: DefinitionSchema.describe('the version in effect now'),
  currentVersion: z.int().nullable(),
  upcomingVersions: z
    .array(z.object({ number: z.int(), effectiveFrom: z.string() }))
    .describe('changes planned for later'),
  onCallNow: z.array(OnCallUserSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

const IntervalSchema = z.object({ start: z.string(), end: z.string() });

export const ChecksSchema = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.number(),
  gaps: z.array(IntervalSchema).describe('stretches with nobody on call'),
  doubleBookings: z
    .array(IntervalSchema.extend({ userId: z.string(), name: z.string(), sources: z.array(z.string()) }))
    .describe('someone claimed twice at once (two layers, or a layer and an override)'),
  load: z
    .array(
      z.object({
        userId: z.string(),
        name: z.string(),
        hours: z.number(),
        nightHours: z.number(),
        weekendHours: z.number(),
      }),
    )
    .describe('per person over the horizon; nights are 22:00–06:00 and weekends Saturday and Sunday, local'),
  unevenLoad: z.array(z.enum(['hours', 'nightHours', 'weekendHours'])),
  warnings: z.array(z.string()).describe('the problems above in words'),
});
export type Checks = z.infer<typeof ChecksSchema>;

export const SaveResultSchema = z.object({
  schedule: ScheduleSchema,
  version: VersionSchema.nullable().describe('the new version, or null when the definition did not change'),
  checks: ChecksSchema,
});
export type SaveResult = z.infer<typeof SaveResultSchema>;

export const CreateScheduleSchema = z.strictObject({
  name: ScheduleNameSchema.describe('unique, without regard to case'),
  description: z.string().max(2000).default(''),
  teamId: z.uuid().nullable().default(null).describe('the team whose managers may change it'),
  timeZone: ZoneSchema,
  layers: DefinitionSchema.shape.layers,
});
export type CreateScheduleInput = z.input<typeof CreateScheduleSchema>;

export const UpdateScheduleSchema = z.strictObject({
  name: ScheduleNameSchema.optional(),
  description: z.string().max(2000).optional(),
  teamId: z.uuid().nullable().optional(),
  timeZone: ZoneSchema.optional(),
  layers: DefinitionSchema.shape.layers.optional(),
  effectiveFrom: InstantSchema.optional().describe(
    'when the new version takes effect: now (default) or later, never earlier',
  ),
});
export type UpdateScheduleInput = z.infer<typeof UpdateScheduleSchema>;

export const FollowTheSunSchema = z.strictObject({
  name: ScheduleNameSchema,
  description: z.string().max(2000).default(''),
  teamId: z.uuid().nullable().default(null),
  timeZone: ZoneSchema.default('UTC').describe('the zone the daily split is fixed in'),
  startDate: LocalDateSchema,
  shift: ShiftLengthSchema.default({ length: 1, unit: 'weeks' }),
  regions: z
    .array(
      z.strictObject({
        name: LayerSchema.shape.name,
        timeZone: ZoneSchema,
        participants: LayerSchema.shape.participants,
        start: TimeOfDaySchema.optional().describe(
          'local time the region takes over; give it for all regions or none (then each is centred on its local noon)',
        ),
      }),
    )
    .min(2)
    .max(6),
});
export type FollowTheSunRequest = z.input<typeof FollowTheSunSchema>;

export const PreviewSchema = z.strictObject({
  scheduleId: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('compare with this schedule: its overrides apply and the summary is the diff from its current version'),
  timeZone: ZoneSchema,
  layers: DefinitionSchema.shape.layers,
  effectiveFrom: InstantSchema.optional(),
  at: InstantSchema.optional().describe('answer who would be on call at this instant'),
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
});
export type PreviewInput = z.infer<typeof PreviewSchema>;

export const ShiftSchema = z.object({
  userId: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
});
export type Shift = z.infer<typeof ShiftSchema>;

export const LayerTimelineSchema = z.object({ name: z.string(), shifts: z.array(ShiftSchema) });

export const PreviewResultSchema = z.object({
  at: z.string().nullable(),
  onCallAt: z.array(OnCallUserSchema).nullable(),
  from: z.string(),
  to: z.string(),
  shifts: z.array(ShiftSchema),
  layers: z.array(LayerTimelineSchema),
  summary: z.string(),
  checks: ChecksSchema,
});
export type PreviewResult = z.infer<typeof PreviewResultSchema>;

export const RangeQuerySchema = z.strictObject({
  from: InstantSchema.optional().describe('default: now'),
  to: InstantSchema.optional().describe('default: 4 weeks after from; at most 400 days after it'),
});
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

export const ChecksQuerySchema = z.strictObject({
  weeks: z.coerce
    .number()
    .int()
    .min(1)
    .max(52)
    .optional()
    .describe('horizon; default long enough for every rotation to come round (4 to 26 weeks)'),
});

export { DefinitionSchema };

export const OnCallQuerySchema = z.strictObject({
  schedule: z.string().min(1).max(200).optional().describe('a schedule id or name'),
  team: z.string().min(1).max(200).optional().describe("a team id or slug: all the team's schedules"),
  service: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('a service id or slug: every level of its escalation policy, resolved to people'),
  policy: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('an escalation policy id or name: every level, resolved to people'),
  at: InstantSchema.optional().describe('default: now'),
});

const OnCallPersonSchema = OnCallUserSchema.extend({
  until: z.string().nullable().describe('end of their shift in progress, when within 5 weeks; null: not a shift'),
});

export const LevelOnCallSchema = z.object({
  level: z.int().describe('1-based'),
  delayMinutes: z.int(),
  targets: z.array(
    z.object({
      type: z.enum(['user', 'team', 'schedule', 'channel']),
      id: z.string(),
      label: z.string(),
      users: z.array(OnCallPersonSchema).describe('who this target pages now'),
      note: z.string().nullable().describe('why it pages nobody now, or what else it does'),
    }),
  ),
});
export type LevelOnCall = z.infer<typeof LevelOnCallSchema>;

export const OnCallAnswerSchema = z.object({
  at: z.string(),
  scope: z.object({
    kind: z.enum(['schedule', 'team', 'service', 'policy', 'all']),
    id: z.string().nullable(),
    name: z.string(),
  }),
  items: z
    .array(
      z.object({
        schedule: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
        level: z
          .int()
          .nullable()
          .describe('the escalation level that pages this schedule (service and policy answers)'),
        users: z.array(OnCallPersonSchema),
      }),
    )
    .describe('the schedules in scope (for a service or policy: its schedule targets)'),
  policy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe('the escalation policy (service and policy answers)'),
  levels: z
    .array(LevelOnCallSchema)
    .nullable()
    .describe('every level of the policy with each target resolved to people (service and policy answers)'),
  notes: z.array(z.string()),
});
export type OnCallAnswer = z.infer<typeof OnCallAnswerSchema>;

export const MyOnCallQuerySchema = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(26).optional().describe('how far ahead (default 4 weeks)'),
});

export const MyShiftSchema = z.object({
  schedule: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  start: z.string().describe('its real start, even when that was before now'),
  end: z.string(),
  isNow: z.boolean(),
});
export type MyShift = z.infer<typeof MyShiftSchema>;

export const MyOnCallSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  at: z.string(),
  to: z.string().describe('the end of the range looked at'),
  current: z.array(MyShiftSchema).describe('shifts in progress now'),
  next: MyShiftSchema.nullable().describe('the first shift that starts after now'),
  shifts: z.array(MyShiftSchema).describe('every shift in progress or to come in the range, by start'),
  policies: z
    .array(
      z.object({
        policy: z.object({ id: z.string(), name: z.string() }),
        levels: z.array(z.int()),
        via: z.object({ type: z.enum(['user', 'team']), id: z.string(), label: z.string() }),
      }),
    )
    .describe('escalation policies that page you directly (not through a schedule): you are on them at all times'),
});
export type MyOnCall = z.infer<typeof MyOnCallSchema>;
