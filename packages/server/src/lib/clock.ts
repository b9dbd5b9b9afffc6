/**
 * The Clock: the only way domain code learns the time. Production uses the
 * system clock; tests inject a FakeClock and move it forward through whole
 * scenarios, so days of escalation run in milliseconds.
 */

export interface Clock {
  /** The current instant. */
  now(): Date;
  /**
   * Calls `listener` whenever the clock jumps (fake clocks only), so waiting
   * loops can re-check due work at once instead of sleeping on a stale timer.
   */
  onJump?(listener: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock that only moves when told to. */
export class FakeClock implements Clock {
  private current: number;
  private readonly listeners = new Set<() => void>();

  constructor(start: Date | string = '2026-01-05T09:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): Date {
    if (ms < 0) throw new RangeError(`FakeClock cannot go backwards (advance ${ms} ms)`);
    this.current += ms;
    for (const listener of this.listeners) listener();
    return this.now();
  }

  advanceMinutes(minutes: number): Date {
    return this.advance(minutes * 60_000);
  }

  /** Sets the clock to an instant at or after the current one. */
  set(instant: Date | string): Date {
    return this.advance(new Date(instant).getTime() - this.current);
  }

  onJump(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
