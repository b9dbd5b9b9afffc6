/** The timeline entry as the API shows it (zod, reused by the HTTP layer and the OpenAPI document). */
import { z } from 'zod';
import { SOURCES } from '../../lib/source.js';
import { TIMELINE_KINDS } from './timeline.types.js';

export const TimelineSourceSchema = z
  .enum(SOURCES)
  .describe(
    'what the actor did it through: web (the web UI), api (an API token), cli, email_link, sms_reply, slack, teams, voice (a phone keypress), engine (Tocsin on its own), ingest (an integration sending alerts)',
  );

export const TimelineEntrySchema = z.object({
  id: z.string(),
  at: z.string().describe('ISO 8601 instant'),
  kind: z.enum(TIMELINE_KINDS),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string() }),
  source: TimelineSourceSchema,
  message: z.string(),
  data: z.unknown().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;
