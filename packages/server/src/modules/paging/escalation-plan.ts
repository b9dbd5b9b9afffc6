/**
 * Where an incident stands in its escalation policy, and where it goes next.
 * Pure functions, so the rules (levels, repeats, restarts, business hours for
 * low urgency) are tested by table, apart from the engine that applies them.
 *
 * A position is (level, loop): `level` is the 0-based index of the next level
 * to notify, which is also how many levels this pass has notified so far.
 * (loop, level) never repeats within an incident: a restart (snooze ended,
 * reassigned to a policy, "escalate now" after the policy ran out) starts a
 * new loop instead of going back to loop 0, so every step has its own key.
 */
import { nextBusinessStart, type BusinessHours, type Urgency } from '../services/index.js';

export interface EscalationPosition {
  level: number;
  loop: number;
}

export interface PolicyShape {
  levels: ReadonlyArray<{ delayMinutes: number }>;
  repeatCount: number;
}

export type EscalationStep =
  /** Notify `levelIndex` (0-based) in `loop`, then wait `delayMinutes` at `after`. */
  | { kind: 'notify'; levelIndex: number; loop: number; after: EscalationPosition; delayMinutes: number }
  /** Nobody acknowledged and the policy has no more levels or repeats: stop. */
  | { kind: 'exhausted'; loops: number };

/** The step due at `position`: the next level, the first level of the next loop, or the end. */
export function planEscalationStep(position: EscalationPosition, policy: PolicyShape): EscalationStep {
  let { level, loop } = position;
  if (policy.levels.length === 0) return { kind: 'exhausted', loops: 0 };
  if (level >= policy.levels.length) {
    // A pass ends; a restart may already have gone past repeatCount, and then
    // the pass it started is its last.
    if (loop >= policy.repeatCount) return { kind: 'exhausted', loops: loop + 1 };
    level = 0;
    loop += 1;
  }
  return {
    kind: 'notify',
    levelIndex: level,
    loop,
    after: { level: level + 1, loop },
    delayMinutes: policy.levels[level]!.delayMinutes,
  };
}

/** Escalation starts over from the first level (a snooze ended, or a new policy). */
export function restartPosition(position: EscalationPosition): EscalationPosition {
  // Nothing notified yet in this loop: it can start at level 0 without reusing a step key.
  return position.level === 0 ? position : { level: 0, loop: position.loop + 1 };
}

/** "Escalate now": the next level at once; after the policy ran out, a fresh pass. */
export function escalateNowPosition(position: EscalationPosition, policy: PolicyShape): EscalationPosition {
  const isExhausted = position.level >= policy.levels.length && position.loop >= policy.repeatCount;
  return isExhausted ? { level: 0, loop: position.loop + 1 } : position;
}

export interface PagingHours {
  urgency: Urgency;
  businessHours: BusinessHours | null;
  timeZone: string;
}

/**
 * When a page planned for `at` may go out: high urgency at once; low urgency
 * within the service's business hours (their next start when outside them).
 */
export function pageAt(hours: PagingHours, at: Date): Date {
  return hours.urgency === 'low' ? nextBusinessStart(hours.businessHours, hours.timeZone, at) : at;
}

/** When the level after a step is due: the step's wait, then business hours for low urgency. */
export function nextStepAt(hours: PagingHours, now: Date, delayMinutes: number): Date {
  return pageAt(hours, new Date(now.getTime() + delayMinutes * 60_000));
}

/** Human wording of a step for the timeline: "Notified level 1: Alice" or "Escalated to level 2 (pass 2): Bob". */
export function describeStep(step: { levelIndex: number; loop: number }, reached: string[]): string {
  const verb =
    step.levelIndex === 0 && step.loop === 0 ? `Notified level 1` : `Escalated to level ${step.levelIndex + 1}`;
  const pass = step.loop > 0 ? ` (pass ${step.loop + 1})` : '';
  const who = reached.length > 0 ? reached.join(', ') : 'nobody was reachable';
  return `${verb}${pass}: ${who}`;
}
