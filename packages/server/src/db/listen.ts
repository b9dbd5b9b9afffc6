/**
 * LISTEN on one channel, on a connection of its own taken from the pool,
 * for as long as a node runs: when the connection is refused or lost, the
 * listener says so (notifications may have been missed meanwhile) and
 * LISTENs again with backoff. For state a node keeps in memory that other
 * nodes' changes must reach (the routing keys of ingest, the renders of
 * status pages).
 *
 * A connection can also die without a word (a frozen server, a cable
 * pulled, a NAT that forgot it): the socket stays open and no NOTIFY
 * arrives. So the listening connection is asked to answer a statement every
 * LISTEN_CHECK_MS; one that does not answer within as long is given up as
 * lost. PostgreSQL sends a listener what was notified before a statement's
 * answer, so an answer proves every change committed before the statement
 * was sent has been heard (`confirmed`).
 */
import type pg from 'pg';
import type { Logger } from '../lib/logger.js';

/** Waits before LISTENing again after the connection was refused or lost, in real ms. */
export const RELISTEN_MS = { first: 1_000, max: 30_000 };

/** How often a listening connection is asked to answer, and how long it has to, in real ms. */
export const LISTEN_CHECK_MS = 1_500;

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
  /**
   * Every change committed before `sentAtMs` (performance.now()) has been
   * heard: the LISTEN took effect then, or a check sent then was answered.
   */
  confirmed?(sentAtMs: number): void;
}

/** The statement a listening connection is checked with; it names the channel (in pg_stat_activity). */
export const listenCheckText = (channel: string) => `SELECT 1 AS "listening on ${channel}"`;

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
  let checkTimer: NodeJS.Timeout | undefined;
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
      // (Not released: c is the one listening connection, and the check timer is its.)
      if (checkTimer) clearTimeout(checkTimer);
      checkTimer = undefined;
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
      const sentAtMs = performance.now();
      await c.query(`LISTEN ${channel}`);
      delayMs = RELISTEN_MS.first;
      if (stopped) return;
      await handlers.listening();
      handlers.confirmed?.(sentAtMs);
      check(c);
    } catch (error) {
      fail(error);
    }
  };

  /** Asks the listening connection `c` to answer, LISTEN_CHECK_MS from now and then again after each answer. */
  const check = (c: pg.PoolClient) => {
    checkTimer = setTimeout(() => {
      checkTimer = undefined;
      if (stopped || current?.client !== c) return;
      const sentAtMs = performance.now();
      let answered = false;
      const silent = setTimeout(() => {
        if (!answered && current?.client === c)
          current.onError(new Error(`the listening connection did not answer within ${LISTEN_CHECK_MS} ms`));
      }, LISTEN_CHECK_MS);
      silent.unref();
      c.query(listenCheckText(channel)).then(
        () => {
          answered = true;
          clearTimeout(silent);
          if (stopped || current?.client !== c) return;
          handlers.confirmed?.(sentAtMs);
          check(c);
        },
        (error: unknown) => {
          answered = true;
          clearTimeout(silent);
          if (current?.client === c) current.onError(error as Error);
        },
      );
    }, LISTEN_CHECK_MS);
    checkTimer.unref();
  };

  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (checkTimer) clearTimeout(checkTimer);
    const listening = current;
    if (!listening) return;
    listening.client.removeAllListeners('notification');
    await listening.client.query(`UNLISTEN ${channel}`).catch(() => undefined);
    listening.client.off('error', listening.onError);
    listening.release();
  };
}
