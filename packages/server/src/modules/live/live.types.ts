/** What the live stream says (ADR 19): which incidents changed, in which parts, never what changed. */
import { z } from 'zod';

/** The parts of an incident a change touched: what a screen showing it should load again. */
export const LIVE_PARTS = ['incident', 'timeline', 'alerts', 'paging', 'response', 'document', 'updates'] as const;
export type LivePart = (typeof LIVE_PARTS)[number];

/**
 * A position in the stream: the oldest transaction still running when the
 * server last looked (decimal). Asking again from it misses nothing
 * committed since; a change may come twice.
 */
export const CursorSchema = z
  .string()
  .regex(/^\d{1,19}$/, 'must be a cursor this stream gave (its "cursor", or the event id)')
  .describe('a position in the stream, as given by it (the SSE event id)');

export const LiveChangeSchema = z.object({
  incidentId: z.uuid(),
  parts: z.array(z.enum(LIVE_PARTS)).describe('what changed: load these again'),
});
export type LiveChange = z.infer<typeof LiveChangeSchema>;

export const LiveBatchSchema = z
  .object({
    cursor: CursorSchema,
    reset: z
      .boolean()
      .describe(
        'true when changes since the cursor asked from can no longer be listed (kept an hour): load everything again',
      ),
    changes: z.array(LiveChangeSchema),
  })
  .describe('LiveChanges');
export type LiveBatch = z.infer<typeof LiveBatchSchema>;
