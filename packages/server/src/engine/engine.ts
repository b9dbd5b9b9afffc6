/**
 * The engine: on every node, a loop that asks each reconciler for due work
 * until none is left, then sleeps until the earliest due row, a NOTIFY from
 * another node, a fake-clock jump, or the poll interval, whichever is first.
 * While passes fail (the database is away) it backs off instead, says so
 * once per failing reconciler rather than on every pass, and keeps trying
 * to LISTEN again (db/listen.ts: the pool's one listening connection,
 * checked, shared with the node's other listeners). It holds no business
 * rules; it only drives reconcilers.
 */
import type pg from 'pg';
import { listenOn } from '../db/listen.js';
import { ENGINE_CHANNEL } from '../db/outbox.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Reconciler } from './types.js';

const MIN_SLEEP_MS = 50;
/** Units of work a reconciler may do before the next one gets its turn... */
const UNITS_PER_TURN = 16;
/** ...or real milliseconds it may take, whichever comes first (a unit may be a batch). */
const TURN_MS = 50;

/**
 * The real milliseconds to wait after `failedPasses` passes in a row in which
 * every reconciler failed (the database is unreachable): 1 s, 2 s, 4 s ... up
 * to the poll interval, never the loop's shortest sleep on every pass.
 */
export function failureBackoffMs(failedPasses: number, pollIntervalMs: number): number {
  if (failedPasses <= 0) return 0;
  return Math.min(1_000 * 2 ** Math.min(failedPasses - 1, 16), Math.max(pollIntervalMs, MIN_SLEEP_MS));
}

export interface EngineOptions {
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  reconcilers: Reconciler[];
  /** Workers per node running due work in parallel. */
  concurrency?: number;
  /** Upper bound on a sleep, in real ms, in case a wake-up is missed. */
  pollIntervalMs?: number;
}

export class Engine {
  private running = false;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;
  private stopListening: (() => Promise<void>) | undefined;
  private loop: Promise<void> | undefined;
  private unsubscribeClock: (() => void) | undefined;
  private draining: Promise<boolean> | undefined;
  /**
   * Resting reconcilers (dueByTime or naming wakePayloads) that found
   * nothing: left alone before their next due instant (the clock's ms) and
   * for at most the poll interval in real time (performance.now()), since
   * some work falls due in real time, such as a dead node's lease running out.
   */
  private readonly quietUntil = new Map<Reconciler, { dueMs: number; pollEndsMs: number }>();
  /**
   * How often each reconciler's rest was ended: a rest measured before a
   * wake-up (its nextDueAt read before the work that woke it committed)
   * is not kept after it.
   */
  private readonly restsEnded = new Map<Reconciler, number>();
  /** The reconcilers whose rest a payload ends (Reconciler.wakePayloads). */
  private readonly wokenBy = new Map<string, Reconciler[]>();
  /** The reconcilers whose rest other reconcilers' work on this node ends (Reconciler.wokenByLocalWork). */
  private readonly wokenByLocalWork: Reconciler[];
  /**
   * Workers in a turn of each reconciler, and whether its last claim found
   * work: a worker leaves alone a reconciler another is in unless there is a
   * backlog to share (its `backlogged()`, or else its last claim found work).
   * Else a wake-up for one new event had every worker claim it, all but one
   * in vain (ADR 33, ADR 34).
   */
  private readonly inTurn = new Map<Reconciler, number>();
  private readonly foundWork = new Map<Reconciler, boolean>();
  /** Workers of the current drain that found nothing and wait for a wake-up (or the drain's end). */
  private readonly idleWaiters: Array<() => void> = [];
  /** Passes in a row in which every reconciler asked failed (the database is unreachable). */
  private failedPasses = 0;
  /** Reconcilers whose last turn failed, with the message already logged for it. */
  private readonly failing = new Map<Reconciler, string>();

  constructor(private readonly options: EngineOptions) {
    this.wokenByLocalWork = options.reconcilers.filter((r) => r.wokenByLocalWork);
    for (const reconciler of options.reconcilers)
      for (const payload of reconciler.wakePayloads ?? [])
        this.wokenBy.set(payload, [...(this.wokenBy.get(payload) ?? []), reconciler]);
  }

  private endRest(reconcilers: Iterable<Reconciler>): void {
    for (const reconciler of reconcilers) {
      this.quietUntil.delete(reconciler);
      this.restsEnded.set(reconciler, (this.restsEnded.get(reconciler) ?? 0) + 1);
    }
  }

  private rests(reconciler: Reconciler): boolean {
    return reconciler.dueByTime === true || (reconciler.wakePayloads?.length ?? 0) > 0;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Work announced while it was not listening (starting, or the connection lost) is looked for once it listens.
    this.stopListening = listenOn(
      this.options.pool,
      ENGINE_CHANNEL,
      {
        notified: (payload) => this.wake(payload),
        listening: () => this.wake(),
        lost: () => undefined, // it polls meanwhile
      },
      this.options.logger,
    );
    this.unsubscribeClock = this.options.clock.onJump?.(() => this.wake());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribeClock?.();
    this.wake();
    await this.loop;
    await this.stopListening?.();
    this.stopListening = undefined;
  }

  /** Asks the loop to look for due work now. */
  wake(payload?: string): void {
    this.pendingWake = true;
    // New work for some (inbound events, jobs) leaves the others resting; work nobody named ends every rest.
    const named = payload === undefined ? undefined : this.wokenBy.get(payload);
    this.endRest(named ?? this.options.reconcilers);
    for (const reconciler of named ?? this.options.reconcilers) reconciler.wokenUp?.();
    // One idle worker looks; if it finds work, it brings in another.
    this.idleWaiters.shift()?.();
    this.wakeUp?.();
  }

  /**
   * Runs due work until none is left at the clock's current time. Tests call
   * this after moving a fake clock; it is also the body of every loop pass.
   */
  async runDue(): Promise<boolean> {
    // Everything, resting reconcilers included: a caller (a test) relies on nothing due being left.
    return this.drainOnce(false);
  }

  private async drainOnce(letRest = true): Promise<boolean> {
    // Serialise callers so a test's drain and the loop's pass do not interleave oddly.
    while (this.draining) await this.draining;
    if (!letRest) {
      this.endRest(this.options.reconcilers);
      for (const reconciler of this.options.reconcilers) reconciler.wokenUp?.();
    }
    this.draining = this.drain(letRest).finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  /**
   * Returns whether any work was done. Each round gives every reconciler a
   * turn of up to UNITS_PER_TURN units or TURN_MS, so a busy source (a flood of alerts) cannot starve the others
   * (escalation, delivery); the time is read afresh each round, so work that
   * became due while draining is not left for the next drain.
   *
   * A worker whose round found nothing waits for a wake-up (new work
   * announced) while others are still busy, then looks again; the drain ends
   * when every worker is waiting. Without the wait it would stop, and a steady
   * stream of alerts would be left to the one or two workers that happened
   * to be busy, while the rest idled until they finished.
   */
  private async drain(letRest: boolean): Promise<boolean> {
    let didWork = false;
    // A failed pass: every reconciler that was asked failed (the database is away), not just one with a bug.
    let failed = false;
    let answered = false;
    const workers = Math.max(1, this.options.concurrency ?? 4);
    const round = async (): Promise<boolean> => {
      let busy = false;
      const now = this.options.clock.now();
      for (const reconciler of this.options.reconcilers) {
        const rest = this.quietUntil.get(reconciler);
        if (rest && rest.dueMs > now.getTime() && rest.pollEndsMs > performance.now()) continue;
        // Another worker is at it: join only if there is a backlog to share (its last claim came back
        // full, or for a reconciler that cannot say, found work), not to claim in vain.
        const others = this.inTurn.get(reconciler) ?? 0;
        if (others > 0 && !(reconciler.backlogged ? reconciler.backlogged() : this.foundWork.get(reconciler))) continue;
        this.inTurn.set(reconciler, others + 1);
        const turnEnds = performance.now() + TURN_MS;
        try {
          let turn = 0;
          let foundAll = false;
          for (; turn < UNITS_PER_TURN && performance.now() < turnEnds; turn++) {
            const found = await reconciler.runOnce(now);
            this.foundWork.set(reconciler, found);
            if (!found) {
              foundAll = true;
              break;
            }
            busy = true;
          }
          answered = true;
          this.noteSuccess(reconciler);
          if (turn > 0)
            this.endRest(this.wokenByLocalWork.filter((r) => r !== reconciler && (r.localWorkPending?.() ?? true)));
          // It did what there was (or nothing): rest now, not after one more round's claim in vain.
          if (foundAll && this.rests(reconciler) && letRest) await this.quieten(reconciler, now);
        } catch (error) {
          failed = true;
          this.foundWork.set(reconciler, false);
          this.noteFailure(reconciler, error);
        } finally {
          this.inTurn.set(reconciler, this.inTurn.get(reconciler)! - 1);
        }
      }
      return busy;
    };
    let waiting = 0;
    let over = false;
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (!over) {
          if (await round()) {
            didWork = true;
            // There is work: one more idle worker may as well help.
            this.idleWaiters.shift()?.();
            continue;
          }
          if (++waiting === workers) {
            over = true;
            this.idleWaiters.splice(0).forEach((resume) => resume());
            return;
          }
          await new Promise<void>((resume) => this.idleWaiters.push(resume));
          waiting--;
        }
      }),
    );
    this.failedPasses = failed && !answered ? this.failedPasses + 1 : 0;
    return didWork;
  }

  /** Logs a reconciler's failure once per streak (and again when it fails differently), not on every pass. */
  private noteFailure(reconciler: Reconciler, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const said = this.failing.get(reconciler);
    this.failing.set(reconciler, message);
    if (said === message) {
      this.options.logger.debug({ err: error, reconciler: reconciler.name }, 'reconciler pass failed again');
      return;
    }
    this.options.logger.error(
      { err: error, reconciler: reconciler.name },
      'reconciler pass failed; the engine retries with backoff',
    );
  }

  private noteSuccess(reconciler: Reconciler): void {
    if (!this.failing.delete(reconciler)) return;
    this.options.logger.info({ reconciler: reconciler.name }, 'reconciler works again');
  }

  private async quieten(reconciler: Reconciler, now: Date): Promise<void> {
    const poll = this.options.pollIntervalMs ?? 5_000;
    const ended = this.restsEnded.get(reconciler) ?? 0;
    const due = await reconciler.nextDueAt().catch(() => null);
    // Woken meanwhile: the due instant may predate the work that woke it.
    if ((this.restsEnded.get(reconciler) ?? 0) !== ended) return;
    this.quietUntil.set(reconciler, {
      dueMs: Math.min(due ? due.getTime() : Infinity, now.getTime() + poll),
      pollEndsMs: performance.now() + poll,
    });
  }

  private async sleepMs(): Promise<number> {
    const poll = this.options.pollIntervalMs ?? 5_000;
    let earliest = Infinity;
    for (const reconciler of this.options.reconcilers) {
      // A reconciler resting since this drain has said when its work is due: not asked again (ADR 33).
      const rest = this.quietUntil.get(reconciler);
      if (rest && rest.pollEndsMs > performance.now()) {
        earliest = Math.min(earliest, rest.dueMs);
        continue;
      }
      const due = await reconciler.nextDueAt().catch(() => null);
      if (due) earliest = Math.min(earliest, due.getTime());
    }
    if (earliest === Infinity) return poll;
    return Math.max(0, Math.min(poll, earliest - this.options.clock.now().getTime()));
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      const didWork = await this.drainOnce();
      if (!this.running) break;
      const poll = this.options.pollIntervalMs ?? 5_000;
      // Failing passes: asking every reconciler when work is due would fail too.
      let ms =
        this.failedPasses > 0 ? failureBackoffMs(this.failedPasses, poll) : await this.sleepMs().catch(() => poll);
      if (this.pendingWake || !this.running) continue;
      // Due but unclaimable work (leased elsewhere, or failing) must not spin the loop.
      if (ms === 0 && didWork) continue;
      ms = Math.max(ms, MIN_SLEEP_MS);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }
}
