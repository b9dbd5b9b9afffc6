/**
 * Live screens (issue #12): one stream for the whole signed-in app, and
 * `useLiveReload` for a screen's data to load again when the incidents it
 * shows change, instead of polling. While the stream is down, screens fall
 * back to looking every half minute.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { connectLive } from './live.api';
import type { LivePart, LiveSignal, LiveStatus } from './live.types';

interface LiveValue {
  status: LiveStatus;
  subscribe(listener: (signal: LiveSignal) => void): () => void;
}

const LiveContext = createContext<LiveValue | null>(null);

/** Several changes close together cause one reload. */
const SETTLE_MS = 250;
/** How often a screen looks again while the stream is down. */
const FALLBACK_POLL_MS = 30_000;

export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const listeners = useRef(new Set<(signal: LiveSignal) => void>());
  useEffect(
    () =>
      connectLive((signal) => {
        for (const listener of [...listeners.current]) listener(signal);
      }, setStatus),
    [],
  );
  const subscribe = useCallback((listener: (signal: LiveSignal) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLiveStatus(): LiveStatus | undefined {
  return useContext(LiveContext)?.status;
}

/**
 * Calls `reload` when a change reaches the screen: any incident's (the
 * default), or only `incidentId`'s, and only in the `parts` given (all by
 * default). Polls while the stream is down.
 */
export function useLiveReload(reload: () => void, filter: { incidentId?: string; parts?: readonly LivePart[] } = {}) {
  const live = useContext(LiveContext);
  const { incidentId, parts } = filter;
  const partsKey = parts?.join(',') ?? '';
  const latest = useRef(reload);
  latest.current = reload;

  useEffect(() => {
    if (!live) return;
    let timer: number | undefined;
    const soon = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => latest.current(), SETTLE_MS);
    };
    const wanted = partsKey ? new Set(partsKey.split(',')) : undefined;
    const leave = live.subscribe((signal) => {
      if (signal.kind === 'reload') return soon();
      const relevant = signal.changes.some(
        (c) => (!incidentId || c.incidentId === incidentId) && (!wanted || c.parts.some((p) => wanted.has(p))),
      );
      if (relevant) soon();
    });
    return () => {
      leave();
      window.clearTimeout(timer);
    };
  }, [live, live?.subscribe, incidentId, partsKey]);

  const isDown = live?.status === 'offline';
  useEffect(() => {
    if (!isDown) return;
    const timer = window.setInterval(() => latest.current(), FALLBACK_POLL_MS);
    return () => window.clearInterval(timer);
  }, [isDown]);
}

/** A small "Live" / "Reconnecting…" mark for screens that update by themselves. */
export function LiveBadge() {
  const status = useLiveStatus();
  if (!status) return null;
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline: checking every 30 s';
  return (
    <span className={`live-badge live-${status}`} role="status" data-testid="live-status">
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
