/** What the live stream says (ADR 19): which incidents changed, in which parts, never what changed. */
import { z } from 'zod';

/** The parts of an incident a change touched: what a screen showing it should load again. */
export const LIVE_PARTS = ['incident', 'timeline', 'alerts', 'paging', 'response', 'document', 'updates'] as const;
export type LivePart = (typeof LIVE_PARTS)[number];

/**
 * A position in the stream: the database snapshot the server last read with
 * (PostgreSQL's `xmin:xmax:running,...`). Asking again from it tells exactly
 * what committed since, in whatever order transactions commit.
 */
export const CursorSchema = z
  .string()
  .max(4000)
  .regex(
    /^\d{1,19}:\d{1,19}:(\d{1,19}(,\d{1,19})*)?$/,
    'must be a cursor this stream gave (its "cursor", or the event id)',
  )
  .refine((cursor) => {
    // Runs even when the pattern did not match: judge only what has the shape.
    if (!/^\d{1,19}:\d{1,19}:(\d{1,19}(,\d{1,19})*)?$/.test(cursor)) return true;
    const [xmin, xmax, running] = cursor.split(':') as [string, string, string];
    const low = BigInt(xmin);
    const high = BigInt(xmax);
    return (
      low >= 3n &&
      low <= high &&
      (running === '' || running.split(',').every((x) => BigInt(x) >= low && BigInt(x) < high))
    );
  }, 'must be a cursor this stream gave (its "cursor", or the event id)')
  .describe('a position in the stream, as given by it (the SSE event id)');

/** The oldest transaction a cursor's snapshot saw running: notes below it are all told. */
export const xminOf = (cursor: string): bigint => BigInt(cursor.split(':')[0]!);

/** A cursor before every note: where "everything kept" starts. */
export const CURSOR_BEFORE_ALL = '3:3:';

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
