/**
 * One per server process (per database pool): reads the change notes while
 * anyone listens, about once a second or at once when this process has just
 * changed something (`poke`), and tells each listener what it may see. One
 * read serves every listener, so a thousand open screens cost one query a
 * second, plus one visibility check per listener only when a private
 * incident changed.
 *
 * Correctness (ADR 19): the hub asks each time from the snapshot of its last
 * read, so what committed since is told once, in whatever order transactions
 * commit (`seen` guards against telling a note twice all the same). A listener joins
 * (`subscribe`) before reading its own catch-up, so whatever commits after
 * its catch-up is read by a later round of the hub, which tells it.
 */
import type { Db } from '../../db/client.js';
import { roleAtLeast, type Actor } from '../../lib/actor.js';
import type { Logger } from '../../lib/logger.js';
import { privateAmong } from '../incidents/index.js';
import { groupChanges, READ_LIMIT, visibleChanges } from './live.changes.js';
import { pruneChanges, readChangesSince, type ChangeRow } from './live.repo.js';
import { xminOf, type LiveChange } from './live.types.js';

/** What a listener is told: changes, "load everything again", or that all is quiet up to `cursor`. */
/** The shortest time between two reads, however often the hub is poked. */
const MIN_GAP_MS = 100;

export type LiveMessage =
  | { kind: 'changes'; cursor: string; changes: LiveChange[] }
  | { kind: 'reset'; cursor: string }
  | { kind: 'ping'; cursor: string };

export interface LiveListener {
  actor: Actor;
  /** Only this incident's changes (its uuid). */
  incidentId?: string;
  send(message: LiveMessage): void;
  /** The server is closing: end the stream. */
  end(): void;
}

export interface LiveHubOptions {
  logger: Logger;
  /** Between two reads when nothing pokes the hub (ms). */
  pollMs?: number;
  /** A ping when nothing was said for this long (ms): keeps proxies from closing a quiet stream, moves the cursor on. */
  heartbeatMs?: number;
  /** How long notes are kept (seconds): a listener away longer reloads whole. */
  keepSeconds?: number;
  /** How often this node prunes (ms). */
  pruneEveryMs?: number;
}

export class LiveHub {
  private readonly listeners = new Set<LiveListener>();
  /** Where the next read starts; null while nobody listens. */
  private horizon: string | null = null;
  private starting: Promise<void> | undefined;
  /** Notes at or above the horizon already told, by key, with their xid. */
  private readonly seen = new Map<string, bigint>();
  private wake: (() => void) | undefined;
  private poked = false;
  private looping = false;
  private closed = false;
  private lastSaid = Date.now();
  private lastRound = 0;
  private lastPruned = 0;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly keepSeconds: number;
  private readonly pruneEveryMs: number;

  constructor(
    private readonly db: Db,
    private readonly options: LiveHubOptions,
  ) {
    this.pollMs = options.pollMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.keepSeconds = options.keepSeconds ?? 3_600;
    this.pruneEveryMs = options.pruneEveryMs ?? 300_000;
  }

  /** How many listen now (for tests and metrics). */
  get size(): number {
    return this.listeners.size;
  }

  /**
   * Adds a listener once the hub knows where it reads from, so the
   * listener's own catch-up, read after this resolves, overlaps the hub's
   * next read instead of leaving a gap. Returns how to leave.
   */
  async subscribe(listener: LiveListener): Promise<() => void> {
    if (this.closed) throw new Error('The live hub is closed.');
    this.listeners.add(listener);
    const leave = () => {
      this.listeners.delete(listener);
    };
    try {
      await this.start();
    } catch (error) {
      leave();
      throw error;
    }
    return leave;
  }

  /** Something changed in this process: read now rather than at the next tick. */
  poke(): void {
    if (this.listeners.size === 0) return;
    this.poked = true;
    this.wake?.();
  }

  /** Ends every stream and stops reading. */
  close(): void {
    this.closed = true;
    for (const listener of this.listeners) listener.end();
    this.listeners.clear();
    this.wake?.();
  }

  private start(): Promise<void> {
    if (this.horizon !== null) return Promise.resolve();
    this.starting ??= readChangesSince(this.db, null, 0)
      .then((first) => {
        this.horizon = first.horizon;
        this.lastSaid = Date.now();
        if (!this.looping) void this.loop();
      })
      .finally(() => {
        this.starting = undefined;
      });
    return this.starting;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (!this.closed && this.listeners.size > 0) {
        await this.pause();
        if (this.closed || this.listeners.size === 0) break;
        try {
          await this.round();
        } catch (error) {
          // The database is away: say nothing, try again next tick (the horizon has not moved).
          this.options.logger.warn({ err: error }, 'live: could not read the change notes');
        }
      }
    } finally {
      this.looping = false;
      // Nobody listens: forget where we were; the next listener starts afresh.
      if (this.listeners.size === 0) {
        this.horizon = null;
        this.seen.clear();
      } else if (!this.closed) void this.loop();
    }
  }

  private pause(): Promise<void> {
    // A poke reads at once, but never more often than every MIN_GAP_MS: an alert storm pokes on every event.
    const sinceLast = Date.now() - this.lastRound;
    if (this.poked && sinceLast >= MIN_GAP_MS) {
      this.poked = false;
      this.lastRound = Date.now();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.poked ? MIN_GAP_MS - sinceLast : this.pollMs);
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = undefined;
        self.poked = false;
        self.lastRound = Date.now();
        resolve();
      }
      // A poke while waiting the long pause shortens it (to the gap left, if any).
      this.wake = () => {
        const left = MIN_GAP_MS - (Date.now() - self.lastRound);
        if (left <= 0) return done();
        clearTimeout(timer);
        self.wake = undefined;
        setTimeout(done, left).unref?.();
      };
    });
  }

  /** One read: tells every listener what changed that it may see. */
  private async round(): Promise<void> {
    const from = this.horizon;
    if (from === null) return;
    const read = await readChangesSince(this.db, from, READ_LIMIT);
    const horizon = read.horizon;
    if (read.truncated) {
      this.horizon = horizon;
      this.seen.clear();
      this.say({ kind: 'reset', cursor: horizon });
      return;
    }
    const fresh = this.unseen(read.rows, xminOf(horizon));
    this.horizon = horizon;
    if (fresh.length > 0) await this.tell(groupChanges(fresh), horizon);
    if (Date.now() - this.lastSaid >= this.heartbeatMs) this.say({ kind: 'ping', cursor: horizon });
    if (Date.now() - this.lastPruned >= this.pruneEveryMs) {
      this.lastPruned = Date.now();
      await pruneChanges(this.db, this.keepSeconds);
    }
  }

  /** The rows not told yet; remembers those the next read will see again. */
  private unseen(rows: ChangeRow[], horizon: bigint): ChangeRow[] {
    const fresh: ChangeRow[] = [];
    for (const row of rows) {
      const key = `${row.xid}/${row.incidentId}/${row.part}`;
      if (this.seen.has(key)) continue;
      fresh.push(row);
      const xid = BigInt(row.xid);
      if (xid >= horizon) this.seen.set(key, xid);
    }
    for (const [key, xid] of this.seen) if (xid < horizon) this.seen.delete(key);
    return fresh;
  }

  private async tell(changes: LiveChange[], cursor: string): Promise<void> {
    const secret = await privateAmong(
      this.db,
      changes.map((c) => c.incidentId),
    );
    // One visibility check per person (not per open tab), and only if a private incident changed.
    const byPerson = new Map<string, Promise<LiveChange[]>>();
    for (const listener of [...this.listeners]) {
      const mine = listener.incidentId ? changes.filter((c) => c.incidentId === listener.incidentId) : changes;
      if (mine.length === 0) continue;
      let visible: LiveChange[] = mine;
      if (secret.size > 0 && mine.some((c) => secret.has(c.incidentId)) && !seesEverything(listener.actor)) {
        const key = `${personKey(listener.actor)}/${listener.incidentId ?? '*'}`;
        let pending = byPerson.get(key);
        if (!pending) {
          pending = visibleChanges(this.db, listener.actor, mine);
          byPerson.set(key, pending);
        }
        visible = await pending;
      }
      if (visible.length > 0) this.sendTo(listener, { kind: 'changes', cursor, changes: visible });
    }
    this.lastSaid = Date.now();
  }

  private say(message: LiveMessage): void {
    for (const listener of [...this.listeners]) this.sendTo(listener, message);
    this.lastSaid = Date.now();
  }

  private sendTo(listener: LiveListener, message: LiveMessage): void {
    try {
      listener.send(message);
    } catch (error) {
      // A stream that cannot be written to has gone: drop it, keep the others.
      this.listeners.delete(listener);
      this.options.logger.debug({ err: error }, 'live: a listener went away');
    }
  }
}

function seesEverything(actor: Actor): boolean {
  return actor.type === 'system' || roleAtLeast(actor.role, 'admin');
}

function personKey(actor: Actor): string {
  return actor.type === 'user' ? `user:${actor.userId}` : `${actor.type}:${actor.label}`;
}
