/**
 * LISTEN on one channel, on a connection of its own taken from the pool,
 * for as long as a node runs: when the connection is refused or lost, the
 * listener says so (notifications may have been missed meanwhile) and
 * LISTENs again with backoff. For state a node keeps in memory that other
 * nodes' changes must reach (the routing keys of ingest, the renders of
 * status pages).
 */
import type pg from 'pg';
import type { Logger } from '../lib/logger.js';

/** Waits before LISTENing again after the connection was refused or lost, in real ms. */
export const RELISTEN_MS = { first: 1_000, max: 30_000 };

export interface ChannelHandlers {
  /** A NOTIFY on the channel. */
  notified(payload: string): void;
  /**
   * LISTEN took effect: from now on every NOTIFY is heard (until `lost`).
   * What was missed meanwhile can be caught up here; if that fails, the
   * connection is given up and LISTENed again later, as if lost.
   */
  listening(): void | Promise<void>;
  /** Not listening (refused, or the connection was lost): NOTIFYs sent from now on may be missed. */
  lost(error: unknown): void;
}

/** LISTENs on `channel` until the returned stop is called (which UNLISTENs and gives the connection back). */
export function listenOn(
  pool: pg.Pool,
  channel: string,
  handlers: ChannelHandlers,
  logger: Logger,
): () => Promise<void> {
  /** The listening connection, and how to give it back (once). */
  let current: { client: pg.PoolClient; release(error?: Error): void; onError(error: Error): void } | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delayMs = RELISTEN_MS.first;

  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delayMs);
    timer.unref();
    delayMs = Math.min(delayMs * 2, RELISTEN_MS.max);
  };

  const connect = async () => {
    let c: pg.PoolClient | undefined;
    let released = false;
    // Given back once: the connection's error may come after a failed query (or a stop) gave it back.
    const release = (error?: Error) => {
      if (!c || released) return;
      released = true;
      if (current?.client === c) current = undefined;
      c.release(error);
    };
    const fail = (error: unknown) => {
      if (released || stopped) return release();
      logger.warn({ err: error, channel }, 'database listener lost; listening again shortly');
      release(error as Error);
      handlers.lost(error);
      retry();
    };
    try {
      c = await pool.connect();
      if (stopped) return release();
      current = { client: c, release, onError: fail };
      c.on('notification', (message) => {
        if (message.channel === channel) handlers.notified(message.payload ?? '');
      });
      c.on('error', fail);
      await c.query(`LISTEN ${channel}`);
      delayMs = RELISTEN_MS.first;
      if (!stopped) await handlers.listening();
    } catch (error) {
      fail(error);
    }
  };

  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const listening = current;
    if (!listening) return;
    listening.client.removeAllListeners('notification');
    await listening.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
    listening.client.off('error', listening.onError);
    listening.release();
  };
}
