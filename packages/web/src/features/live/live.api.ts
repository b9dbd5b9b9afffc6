/**
 * The connection to the live stream: one EventSource per tab (the session
 * cookie authenticates it, as every API call). EventSource reconnects by
 * itself and sends the last event id, so the server tells what was missed;
 * when the browser gives up (the server answered an error), a new stream is
 * opened after a pause, resuming from the last id seen.
 */
import type { LiveChange, LiveSignal, LiveStatus } from './live.types';

const RETRY_AFTER_MS = [1_000, 3_000, 10_000, 30_000];

export function connectLive(
  onSignal: (signal: LiveSignal) => void,
  onStatus: (status: LiveStatus) => void,
): () => void {
  let lastId: string | undefined;
  let source: EventSource | undefined;
  let stopped = false;
  let failures = 0;
  let retry: number | undefined;
  let hasBeenReady = false;

  const remember = (event: MessageEvent) => {
    if (event.lastEventId) lastId = event.lastEventId;
  };
  const open = () => {
    if (stopped) return;
    onStatus('connecting');
    source = new EventSource(lastId ? `/api/v1/live?since=${encodeURIComponent(lastId)}` : '/api/v1/live');
    source.addEventListener('changes', (event) => {
      remember(event);
      const { changes } = JSON.parse(event.data as string) as { changes: LiveChange[] };
      onSignal({ kind: 'changes', changes });
    });
    source.addEventListener('reset', (event) => {
      remember(event);
      onSignal({ kind: 'reload' });
    });
    source.addEventListener('ping', remember);
    source.addEventListener('ready', (event) => {
      remember(event);
      failures = 0;
      onStatus('live');
      // The first time, screens loaded before the stream was up: have them look once more.
      if (!hasBeenReady) onSignal({ kind: 'reload' });
      hasBeenReady = true;
    });
    source.addEventListener('error', () => {
      if (source?.readyState === EventSource.CLOSED) {
        onStatus('offline');
        source = undefined;
        const pause = RETRY_AFTER_MS[Math.min(failures++, RETRY_AFTER_MS.length - 1)];
        retry = window.setTimeout(open, pause);
      } else {
        onStatus('connecting');
      }
    });
  };
  open();
  return () => {
    stopped = true;
    window.clearTimeout(retry);
    source?.close();
  };
}
