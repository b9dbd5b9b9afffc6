import { describe, expect, it } from 'vitest';
import {
  describeStep,
  escalateNowPosition,
  nextStepAt,
  pageAt,
  planEscalationStep,
  restartPosition,
} from './escalation-plan.js';

const policy = (levels: number[], repeatCount = 0) => ({
  levels: levels.map((delayMinutes) => ({ delayMinutes })),
  repeatCount,
});

describe('planEscalationStep', () => {
  it.each([
    [
      'first level of the first pass',
      { level: 0, loop: 0 },
      policy([5, 10]),
      { kind: 'notify', levelIndex: 0, loop: 0, after: { level: 1, loop: 0 }, delayMinutes: 5 },
    ],
    [
      'second level waits its own delay',
      { level: 1, loop: 0 },
      policy([5, 10]),
      { kind: 'notify', levelIndex: 1, loop: 0, after: { level: 2, loop: 0 }, delayMinutes: 10 },
    ],
    [
      'past the last level with repeats left: next loop',
      { level: 2, loop: 0 },
      policy([5, 10], 2),
      { kind: 'notify', levelIndex: 0, loop: 1, after: { level: 1, loop: 1 }, delayMinutes: 5 },
    ],
    [
      'past the last level of the last repeat: exhausted',
      { level: 2, loop: 2 },
      policy([5, 10], 2),
      { kind: 'exhausted', loops: 3 },
    ],
    ['no repeats: one pass', { level: 1, loop: 0 }, policy([5]), { kind: 'exhausted', loops: 1 }],
    [
      'a restart past repeatCount runs its pass',
      { level: 0, loop: 3 },
      policy([5], 1),
      { kind: 'notify', levelIndex: 0, loop: 3, after: { level: 1, loop: 3 }, delayMinutes: 5 },
    ],
    ['...and then stops', { level: 1, loop: 3 }, policy([5], 1), { kind: 'exhausted', loops: 4 }],
    ['a policy without levels notifies nobody', { level: 0, loop: 0 }, policy([]), { kind: 'exhausted', loops: 0 }],
  ])('%s', (_name, position, shape, expected) => {
    expect(planEscalationStep(position, shape)).toEqual(expected);
  });

  it('walks levels and repeats without ever repeating a (loop, level) step', () => {
    const shape = policy([1, 1, 1], 2);
    let position = { level: 0, loop: 0 };
    const steps: string[] = [];
    for (;;) {
      const step = planEscalationStep(position, shape);
      if (step.kind === 'exhausted') {
        expect(step.loops).toBe(3);
        break;
      }
      steps.push(`${step.loop}:${step.levelIndex}`);
      position = step.after;
    }
    expect(steps).toEqual(['0:0', '0:1', '0:2', '1:0', '1:1', '1:2', '2:0', '2:1', '2:2']);
  });
});

describe('restartPosition and escalateNowPosition', () => {
  it.each([
    ['restart mid-pass opens a new loop', restartPosition({ level: 2, loop: 0 }), { level: 0, loop: 1 }],
    [
      'restart before anyone was notified keeps the loop',
      restartPosition({ level: 0, loop: 1 }),
      { level: 0, loop: 1 },
    ],
    [
      'escalate now mid-pass: the next level',
      escalateNowPosition({ level: 1, loop: 0 }, policy([5, 5])),
      { level: 1, loop: 0 },
    ],
    [
      'escalate now while waiting after the last level with repeats left',
      escalateNowPosition({ level: 2, loop: 0 }, policy([5, 5], 1)),
      { level: 2, loop: 0 },
    ],
    [
      'escalate now after the policy ran out: a fresh pass',
      escalateNowPosition({ level: 2, loop: 1 }, policy([5, 5], 1)),
      { level: 0, loop: 2 },
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('pageAt and nextStepAt', () => {
  const weekdays = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  it.each([
    ['high urgency pages at once, even at night', 'high', '2026-01-09T22:00:00Z', '2026-01-09T22:00:00.000Z'],
    ['low urgency inside business hours pages at once', 'low', '2026-01-09T10:00:00Z', '2026-01-09T10:00:00.000Z'],
    ['low urgency on Friday night waits for Monday 09:00', 'low', '2026-01-09T22:00:00Z', '2026-01-12T09:00:00.000Z'],
  ] as const)('%s', (_name, urgency, at, expected) => {
    expect(pageAt({ urgency, businessHours: weekdays, timeZone: 'UTC' }, new Date(at)).toISOString()).toBe(expected);
  });

  it('a low-urgency level whose wait ends after hours waits for the next business start', () => {
    const hours = { urgency: 'low' as const, businessHours: weekdays, timeZone: 'UTC' };
    expect(nextStepAt(hours, new Date('2026-01-09T16:50:00Z'), 30).toISOString()).toBe('2026-01-12T09:00:00.000Z');
    expect(nextStepAt({ ...hours, urgency: 'high' }, new Date('2026-01-09T16:50:00Z'), 30).toISOString()).toBe(
      '2026-01-09T17:20:00.000Z',
    );
  });
});

describe('describeStep', () => {
  it.each([
    [{ levelIndex: 0, loop: 0 }, ['Alice', 'Bob'], 'Notified level 1: Alice, Bob'],
    [{ levelIndex: 1, loop: 0 }, ['Carol'], 'Escalated to level 2: Carol'],
    [{ levelIndex: 0, loop: 1 }, ['Alice'], 'Escalated to level 1 (pass 2): Alice'],
    [{ levelIndex: 1, loop: 0 }, [], 'Escalated to level 2: nobody was reachable'],
  ])('%j %j', (step, names, expected) => {
    expect(describeStep(step, names)).toBe(expected);
  });
});
