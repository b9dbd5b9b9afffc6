import { describe, expect, it } from 'vitest';
import { nextReminderAt, nextUpdateDueAt, type CadenceState } from './response.cadence.js';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const base: CadenceState = {
  minutes: 30,
  stage: 'investigating',
  nearMiss: false,
  declaredAt: at('10:00'),
  lastUpdateAt: null,
  remindedAt: null,
};

describe('update cadence', () => {
  it.each<[string, Partial<CadenceState>, string | null, string | null]>([
    ['counted from the declaration', {}, '10:30', '10:30'],
    ['counted from the last update', { lastUpdateAt: at('10:20') }, '10:50', '10:50'],
    ['reminded again one interval after a reminder', { remindedAt: at('10:31') }, '10:30', '11:01'],
    [
      'a reminder before the last update is ignored',
      { lastUpdateAt: at('10:40'), remindedAt: at('10:30') },
      '11:10',
      '11:10',
    ],
    ['identified and monitoring still owe updates', { stage: 'monitoring' }, '10:30', '10:30'],
    ['no cadence for the severity', { minutes: null }, null, null],
    ['resolved owes nothing', { stage: 'resolved' }, null, null],
    ['closed owes nothing', { stage: 'closed' }, null, null],
    ['a near miss owes nothing', { nearMiss: true }, null, null],
  ])('%s', (_name, patch, due, reminder) => {
    const state = { ...base, ...patch };
    expect(nextUpdateDueAt(state)).toEqual(due ? at(due) : null);
    expect(nextReminderAt(state)).toEqual(reminder ? at(reminder) : null);
  });
});
