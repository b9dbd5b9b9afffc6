/**
 * LISTEN on channels, on one connection per pool taken for the purpose
 * (every channel a node listens on shares it), for as long as a node runs:
 * when the connection is refused or lost, every listener is told
 * (notifications may have been missed meanwhile) and the channels are
 * LISTENed again with backoff. For state a node keeps in memory that other
 * nodes' changes must reach (the routing keys of ingest, the renders of
 * status pages, the remembered tables). One connection, not one per
 * channel: a node's pool is small, and each listener kept one of its
 * connections from requests.
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

/** A node not confirmed to have heard every change committed until this long ago (real ms) trusts nothing it remembers. */
export const HEARD_WITHIN_MS = 5_000;

/**
 * What a node has heard of changes to something it remembers (routing keys,
 * small tables): `version` moves on at every change heard, and is
 * undefined while a change may have gone unheard or not yet be heard:
 * not listening, the listening connection not confirmed within
 * HEARD_WITHIN_MS, or a change made here not yet heard back. What was
 * remembered under one version is good only while the version stays.
 */
export class ChangeFeed {
  private count = 0;
  private hearing = false;
  /** performance.now() up to which every change is known to have been heard. */
  private confirmedMs = -Infinity;
  /** Until a change made here is heard back (or this passes), nothing is trusted. */
  private hereUntilMs = -Infinity;

  get version(): number | undefined {
    const now = performance.now();
    if (!this.hearing || now - this.confirmedMs > HEARD_WITHIN_MS || now < this.hereUntilMs) return undefined;
    return this.count;
  }

  /** A change heard (a NOTIFY). */
  changed(): void {
    this.count++;
    this.hereUntilMs = -Infinity;
  }

  /**
   * A change this node is making: forgotten here at once, and nothing is
   * trusted until the change's NOTIFY is heard (it comes after the commit;
   * a read before then could see the rows as they were) or HEARD_WITHIN_MS
   * has passed (the change was rolled back).
   */
  changedHere(): void {
    this.count++;
    this.hereUntilMs = performance.now() + HEARD_WITHIN_MS;
  }

  /** Listening began (true) or was lost (false): either way, what was remembered may be out of date. */
  hears(hearing: boolean): void {
    this.hearing = hearing;
    this.count++;
  }

  confirmed(sentAtMs: number): void {
    this.confirmedMs = Math.max(this.confirmedMs, sentAtMs);
  }
}

/**
 * LISTENs on `channel` for as long as the node runs, keeping `feeds` up to
 * date (`notified` picks the feeds a payload is about); returns how to
 * stop, after which the feeds trust nothing.
 */
export function listenForChanges(
  pool: pg.Pool,
  channel: string,
  feeds: () => Iterable<ChangeFeed>,
  notified: (payload: string) => void,
  logger: Logger,
): () => Promise<void> {
  const every = (act: (feed: ChangeFeed) => void) => () => {
    for (const feed of feeds()) act(feed);
  };
  const stop = listenOn(
    pool,
    channel,
    {
      notified,
      listening: every((feed) => feed.hears(true)),
      lost: every((feed) => feed.hears(false)),
      confirmed: (sentAtMs) => every((feed) => feed.confirmed(sentAtMs))(),
    },
    logger,
  );
  return async () => {
    await stop();
    every((feed) => feed.hears(false))();
  };
}

/** The statement a listening connection is checked with (it names itself in pg_stat_activity). */
export const LISTEN_CHECK_TEXT = 'SELECT 1 AS "tocsin listening"';

interface Listener {
  channel: string;
  handlers: ChannelHandlers;
  logger: Logger;
  /** Its LISTEN took effect on the current connection. */
  listening: boolean;
}

/** A pool's listening connection, shared by every channel listened on through that pool. */
class PoolListener {
  private readonly listeners = new Set<Listener>();
  private client: pg.PoolClient | undefined;
  /** Whether `client` has every listener present LISTENing (new ones then LISTEN on their own). */
  private ready = false;
  private connecting = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private checkTimer: NodeJS.Timeout | undefined;
  private delayMs = RELISTEN_MS.first;
  /** Connections given back (each once: its error may come after a failed query gave it back). */
  private readonly givenBack = new WeakSet<pg.PoolClient>();

  constructor(private readonly pool: pg.Pool) {}

  add(listener: Listener): void {
    this.listeners.add(listener);
    if (this.client && this.ready) void this.listenOne(this.client, listener).catch((e: unknown) => this.fail(e));
    else if (!this.client && !this.connecting && !this.retryTimer) void this.connect();
  }

  async remove(listener: Listener): Promise<void> {
    this.listeners.delete(listener);
    const c = this.client;
    if (!c) return;
    if (![...this.listeners].some((l) => l.channel === listener.channel))
      await c.query(`UNLISTEN ${listener.channel}`).catch(() => undefined);
    if (this.listeners.size > 0 || this.client !== c) return;
    // Nobody listens any more: give the connection back.
    this.drop();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.giveBack(c);
  }

  /** Stops using the current connection (and checking it); returns it. */
  private drop(): pg.PoolClient | undefined {
    const c = this.client;
    this.client = undefined;
    this.ready = false;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = undefined;
    return c;
  }

  private giveBack(c: pg.PoolClient, error?: Error): void {
    if (this.givenBack.has(c)) return;
    this.givenBack.add(c);
    c.removeAllListeners('notification');
    c.release(error);
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    let c: pg.PoolClient | undefined;
    try {
      c = await this.pool.connect();
      this.connecting = false;
      if (this.listeners.size === 0) return this.giveBack(c);
      this.client = c;
      const client = c;
      c.on('notification', (message) => {
        for (const l of this.listeners) if (l.channel === message.channel) l.handlers.notified(message.payload ?? '');
      });
      c.on('error', (error) => {
        if (this.client === client) this.fail(error);
      });
      // (Listeners added meanwhile are in the set, and this loop reaches them.)
      for (const listener of this.listeners) await this.listenOne(c, listener);
      if (this.client !== c) return;
      this.ready = true;
      this.delayMs = RELISTEN_MS.first;
      this.check(c);
    } catch (error) {
      this.connecting = false;
      if (c && this.client === undefined) this.client = c;
      this.fail(error);
    }
  }

  private async listenOne(c: pg.PoolClient, listener: Listener): Promise<void> {
    const sentAtMs = performance.now();
    await c.query(`LISTEN ${listener.channel}`);
    if (this.client !== c || !this.listeners.has(listener)) return;
    listener.listening = true;
    await listener.handlers.listening();
    listener.handlers.confirmed?.(sentAtMs);
  }

  /** The connection is lost (or refused, or silent): every listener is told, and all LISTEN again later. */
  private fail(error: unknown): void {
    const c = this.drop();
    if (c) this.giveBack(c, error as Error);
    for (const listener of this.listeners) {
      if (listener.listening)
        listener.logger.warn(
          { err: error, channel: listener.channel },
          'database listener lost; listening again shortly',
        );
      listener.listening = false;
      listener.handlers.lost(error);
    }
    if (this.listeners.size === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.client && !this.connecting && this.listeners.size > 0) void this.connect();
    }, this.delayMs);
    this.retryTimer.unref();
    this.delayMs = Math.min(this.delayMs * 2, RELISTEN_MS.max);
  }

  /** Asks the listening connection `c` to answer, LISTEN_CHECK_MS from now and then again after each answer. */
  private check(c: pg.PoolClient): void {
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      if (this.client !== c) return;
      const sentAtMs = performance.now();
      let answered = false;
      const silent = setTimeout(() => {
        if (!answered && this.client === c)
          this.fail(new Error(`the listening connection did not answer within ${LISTEN_CHECK_MS} ms`));
      }, LISTEN_CHECK_MS);
      silent.unref();
      c.query(LISTEN_CHECK_TEXT).then(
        () => {
          answered = true;
          clearTimeout(silent);
          if (this.client !== c) return;
          for (const listener of this.listeners) if (listener.listening) listener.handlers.confirmed?.(sentAtMs);
          this.check(c);
        },
        (error: unknown) => {
          answered = true;
          clearTimeout(silent);
          if (this.client === c) this.fail(error);
        },
      );
    }, LISTEN_CHECK_MS);
    this.checkTimer.unref();
  }
}

const poolListeners = new WeakMap<pg.Pool, PoolListener>();

/** LISTENs on `channel` until the returned stop is called (which UNLISTENs, and gives the connection back if it was the last). */
export function listenOn(
  pool: pg.Pool,
  channel: string,
  handlers: ChannelHandlers,
  logger: Logger,
): () => Promise<void> {
  let shared = poolListeners.get(pool);
  if (!shared) {
    shared = new PoolListener(pool);
    poolListeners.set(pool, shared);
  }
  const listener: Listener = { channel, handlers, logger, listening: false };
  shared.add(listener);
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    await shared.remove(listener);
  };
}
