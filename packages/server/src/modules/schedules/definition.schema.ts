/**
 * The shape of a schedule definition (time zone + layers) as the API, the
 * config file and the stored versions carry it. Validated strictly: a
 * schedule that pages people must not be guessed at.
 */
import { z } from 'zod';
import { ZoneRules } from './oncall/zone-rules.js';

export const MAX_LAYERS = 20;
export const MAX_PARTICIPANTS = 200;
const MIN_SHIFT_MINUTES = 15;
const MAX_SHIFT_MINUTES = 366 * 24 * 60;

export const ZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => ZoneRules.isValid(zone), { error: 'must be an IANA time zone such as "Europe/London" or "UTC"' });

export const TimeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day "HH:MM", 00:00 to 23:59');

export const LocalDateSchema = z.iso.date({ error: 'must be a date "YYYY-MM-DD"' });

export const RestrictionSchema = z.strictObject({
  days: z
    .array(z.int().min(1, 'weekdays are 1 (Monday) to 7 (Sunday)').max(7, 'weekdays are 1 (Monday) to 7 (Sunday)'))
    .min(1)
    .max(7)
    .optional()
    .describe('ISO weekdays the window starts on (1 = Monday … 7 = Sunday); every day when omitted'),
  start: TimeOfDaySchema,
  end: TimeOfDaySchema.describe('at or before start: ends the next day; equal to start: a whole day'),
});

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440, weeks: 10080 } as const;

export const ShiftLengthSchema = z
  .strictObject({
    length: z.int({ error: 'must be a whole number' }).min(1),
    unit: z.enum(['minutes', 'hours', 'days', 'weeks']),
  })
  .refine((s) => s.length * UNIT_MINUTES[s.unit] >= MIN_SHIFT_MINUTES, {
    error: `a shift lasts at least ${MIN_SHIFT_MINUTES} minutes`,
  })
  .refine((s) => s.length * UNIT_MINUTES[s.unit] <= MAX_SHIFT_MINUTES, { error: 'a shift lasts at most 366 days' });

export const LayerSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('unique within the schedule'),
  participants: z
    .array(z.uuid({ error: 'must be a user id (UUID)' }))
    .max(MAX_PARTICIPANTS)
    .describe('user ids in turn order'),
  shift: ShiftLengthSchema.describe(
    'days and weeks (and hours that divide a day) hand over at the same local time across DST; other lengths are exact durations',
  ),
  handoffTime: TimeOfDaySchema.describe('local time a shift hands over'),
  startDate: LocalDateSchema.describe('local date of the first shift, taken by the first participant'),
  restrictions: z.array(RestrictionSchema).max(50).optional().describe('only on call inside these windows'),
  rotationOffset: z
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe(
      'turns already taken before the first shift; kept by edits that only change participants, so the shift in progress stays put',
    ),
});

export const DefinitionSchema = z
  .strictObject({
    timeZone: ZoneSchema,
    layers: z.array(LayerSchema).max(MAX_LAYERS).describe('bottom up: a later layer wins where it has someone on call'),
  })
  .superRefine((definition, ctx) => {
    const seen = new Set<string>();
    definition.layers.forEach((layer, index) => {
      const key = layer.name.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['layers', index, 'name'],
          message: `layer name "${layer.name}" is used twice`,
        });
      seen.add(key);
    });
  });
export type DefinitionInput = z.infer<typeof DefinitionSchema>;
