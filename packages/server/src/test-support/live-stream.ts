/**
 * A reader of the live stream (server-sent events) for tests: opens
 * /api/v1/live as EventSource would, parses the events, and waits for one
 * that matches, however long the machine takes (the test's timeout bounds it).
 */
export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: { changes?: Array<{ incidentId: string; parts: string[] }> };
}

export interface LiveReader {
  /** Every event so far, in order. */
  events: StreamEvent[];
  /** The id of the last event with one: where EventSource would resume. */
  lastEventId(): string | undefined;
  /** Waits for the first event from `after` (an index in `events`, default 0) that matches. */
  next(matches: (event: StreamEvent) => boolean, after?: number): Promise<StreamEvent>;
  /** Whether the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** The incident ids an event names as changed. */
export const changedIn = (event: StreamEvent): string[] => (event.data.changes ?? []).map((c) => c.incidentId);

export async function openLiveStream(
  baseUrl: string,
  token: string,
  options: { query?: string; lastEventId?: string } = {},
): Promise<LiveReader> {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(`${baseUrl}/api/v1/live${options.query ?? ''}`, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body)
    throw new Error(`the live stream answered ${response.status}: ${await response.text()}`);
  const events: StreamEvent[] = [];
  let waiters: Array<() => void> = [];
  const notify = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  const ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue; // a comment or nothing
            fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          if (!fields.has('event')) continue; // "retry:" alone
          events.push({
            id: fields.get('id'),
            event: fields.get('event')!,
            data: JSON.parse(fields.get('data') ?? '{}') as StreamEvent['data'],
          });
          notify();
        }
      }
    } catch {
      // aborted by close()
    } finally {
      notify();
    }
  })();
  let finished = false;
  void ended.then(() => {
    finished = true;
    notify();
  });
  return {
    events,
    lastEventId: () => [...events].reverse().find((e) => e.id !== undefined)?.id,
    async next(matches, after = 0) {
      for (;;) {
        const found = events.slice(after).find(matches);
        if (found) return found;
        if (finished) throw new Error(`the stream ended without the event awaited; it said: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    ended,
    close: () => controller.abort(),
  };
}
