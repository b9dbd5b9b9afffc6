/** The timeline entry as the API shows it (zod, reused by the HTTP layer and the OpenAPI document). */
import { z } from 'zod';
import { SOURCES } from '../../lib/source.js';
import { TIMELINE_KINDS } from './timeline.types.js';

export const TimelineSourceSchema = z
  .enum(SOURCES)
  .describe(
    'what the actor did it through: web (the web UI), api (an API token), cli, email_link, sms_reply, slack, teams, voice (a phone keypress), engine (Tocsin on its own), ingest (an integration sending alerts)',
  );

const ByWhomSchema = z.object({
  at: z.string().describe('ISO 8601 instant'),
  by: z.object({ id: z.string().nullable(), label: z.string() }),
});

export const TimelineEntrySchema = z.object({
  id: z.string(),
  at: z.string().describe('ISO 8601 instant'),
  kind: z.enum(TIMELINE_KINDS),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  source: TimelineSourceSchema,
  message: z.string().describe('the note\'s current text; a deleted note reads "Note deleted by …"'),
  data: z.unknown().nullable(),
  version: z.number().int().describe('1 unless a note was edited or deleted: GET …/timeline/{entryId}/history'),
  starred: ByWhomSchema.nullable().describe('starred for the postmortem, by whom and when'),
  edited: ByWhomSchema.nullable().describe("a note's last edit"),
  deleted: ByWhomSchema.nullable().describe("a note's deletion: the entry stays as a tombstone"),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

/** One version of a note: the first is the entry itself. A deleted note's texts are withheld. */
export const TimelineRevisionSchema = z.object({
  version: z.number().int(),
  at: z.string().describe('ISO 8601 instant'),
  by: z.object({ id: z.string().nullable(), label: z.string() }),
  source: TimelineSourceSchema,
  text: z.string().nullable().describe('null for the deletion, and for every version of a deleted note'),
  deleted: z.boolean(),
});
export type TimelineRevision = z.infer<typeof TimelineRevisionSchema>;

/** GET …/timeline filters, as sent: comma lists, checked by parseTimelineFilters. */
export const TimelineQuerySchema = z.strictObject({
  kind: z
    .string()
    .max(2000)
    .optional()
    .describe(`comma list of kinds: ${TIMELINE_KINDS.join(', ')}`),
  source: z.string().max(500).optional().describe('comma list of sources (web, api, cli, ...)'),
  starred: z.enum(['true', 'false']).optional().describe('only starred entries (true) or only the others (false)'),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;
