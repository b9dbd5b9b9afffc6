/**
 * The live stream (ADR 19): which incidents changed, for screens that show
 * them. `Accept: text/event-stream` opens a server-sent event stream (what
 * the web UI's EventSource sends); anything else gets one JSON answer, the
 * same changes, for clients that poll. Reconnecting with `Last-Event-ID`
 * (EventSource does it by itself) or `?since=` resumes where the reader was.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import { requireIncidentRow } from '../../modules/incidents/index.js';
import {
  changesSince,
  currentCursor,
  CursorSchema,
  LiveBatchSchema,
  type LiveHub,
  type LiveListener,
  type LiveMessage,
} from '../../modules/live/index.js';
import { ctxOf, type HttpDeps } from '../context.js';
import { privateErrors } from './shared.js';
import type { RouteRegistrar } from '../server.js';

const LiveQuerySchema = z.strictObject({
  since: CursorSchema.optional().describe(
    'tell what changed from here (a cursor or event id the stream gave); without it, the JSON answer lists every change still kept (an hour) and the stream starts from now',
  ),
  incidentId: z.string().min(1).max(200).optional().describe('only this incident (uuid or number)'),
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A reader this far behind is cut off; it reconnects and resumes from its last event. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The SSE text of one message: its id is the cursor to resume from. */
function eventText(message: LiveMessage | { kind: 'ready'; cursor: string }): string {
  const data = message.kind === 'changes' ? JSON.stringify({ changes: message.changes }) : '{}';
  return `id: ${message.cursor}\nevent: ${message.kind}\ndata: ${data}\n\n`;
}

function lastEventIdOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError(
      'bad_request',
      'Last-Event-ID must be an event id this stream gave (digits): drop it to start from now.',
    );
  return parsed.data;
}

export function liveRoutes(hub: LiveHub): RouteRegistrar {
  return (app: FastifyInstance, deps: HttpDeps) => {
    // A change made through this process is told at once, not at the next tick.
    app.addHook('onResponse', async (request, reply) => {
      if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) hub.poke();
    });

    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/api/v1/live', {
      schema: {
        tags: ['incidents'],
        summary:
          'Which incidents changed (never what): a server-sent event stream with Accept: text/event-stream (events "changes", "reset", "ready", "ping"; resume with Last-Event-ID), else one JSON answer',
        querystring: LiveQuerySchema,
        response: { 200: LiveBatchSchema, ...privateErrors },
      },
      handler: async (request, reply) => {
        const ctx = ctxOf(deps, request);
        const incidentId = request.query.incidentId
          ? (await requireIncidentRow(ctx.db, request.query.incidentId, { as: ctx.actor })).id
          : undefined;
        // EventSource sends the last id it saw when it reconnects: newer than the ?since= it was opened with.
        const from = lastEventIdOf(request.headers['last-event-id']) ?? request.query.since;
        if (!/text\/event-stream/i.test(request.headers.accept ?? ''))
          return changesSince(ctx.db, ctx.actor, from ?? 'kept', incidentId);

        // The stream: join the hub first, then catch up, then pass on what the hub said meanwhile.
        reply.hijack();
        const res = reply.raw;
        /** What the hub says before the catch-up is written, passed on after it. */
        let held: LiveMessage[] | undefined = [];
        let open = true;
        const write = (text: string) => {
          if (!open) return;
          if (res.writableLength > MAX_BUFFERED_BYTES) {
            open = false;
            res.end();
            return;
          }
          res.write(text);
        };
        const listener: LiveListener = {
          actor: ctx.actor,
          incidentId,
          send: (message) => (held ? held.push(message) : write(eventText(message))),
          end: () => {
            open = false;
            res.end();
          },
        };
        let leave: (() => void) | undefined;
        request.raw.on('close', () => {
          open = false;
          leave?.();
        });
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
          'x-request-id': request.id,
        });
        res.write('retry: 3000\n\n');
        try {
          leave = await hub.subscribe(listener);
          if (!open) leave();
          if (from === undefined) {
            write(eventText({ kind: 'ready', cursor: await currentCursor(ctx.db) }));
          } else {
            const caughtUp = await changesSince(ctx.db, ctx.actor, from, incidentId);
            if (caughtUp.reset) write(eventText({ kind: 'reset', cursor: caughtUp.cursor }));
            else if (caughtUp.changes.length > 0)
              write(eventText({ kind: 'changes', cursor: caughtUp.cursor, changes: caughtUp.changes }));
            write(eventText({ kind: 'ready', cursor: caughtUp.cursor }));
          }
          for (const message of held) write(eventText(message));
          held = undefined;
        } catch (error) {
          request.log.warn({ err: error }, 'live: the stream could not start');
          leave?.();
          open = false;
          res.end();
        }
      },
    });
  };
}
