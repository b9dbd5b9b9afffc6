import { describe, expect, it } from 'vitest';
import { nextReviewReminderAt, reviewDueAt, type ReviewState } from './response.review.js';

const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00Z`);
const base: ReviewState = {
  minutes: 30,
  stage: 'investigating',
  nearMiss: false,
  declaredAt: at('10:00'),
  lastSavedAt: null,
  remindedAt: null,
};

describe('detailed status review', () => {
  it.each<[string, Partial<ReviewState>, string | null, string | null]>([
    ['never saved: counted from the declaration', {}, '10:30', '10:30'],
    ['counted from the last save', { lastSavedAt: at('10:20') }, '10:50', '10:50'],
    ['reminded again one interval after a reminder', { remindedAt: at('10:30') }, '10:30', '11:00'],
    ['a late reminder moves the next one', { remindedAt: at('10:42') }, '10:30', '11:12'],
    ['a save after a reminder re-arms it', { lastSavedAt: at('10:45'), remindedAt: at('10:30') }, '11:15', '11:15'],
    ['a save before the last reminder', { lastSavedAt: at('10:05'), remindedAt: at('11:05') }, '10:35', '11:35'],
    ['identified and monitoring are reviewed too', { stage: 'identified' }, '10:30', '10:30'],
    ['off for the severity', { minutes: null }, null, null],
    ['resolved: no more reminders', { stage: 'resolved', remindedAt: at('10:30') }, null, null],
    ['closed: none', { stage: 'closed' }, null, null],
    ['a near miss: none', { nearMiss: true }, null, null],
  ])('%s', (_name, patch, due, reminder) => {
    const state = { ...base, ...patch };
    expect(reviewDueAt(state)).toEqual(due ? at(due) : null);
    expect(nextReviewReminderAt(state)).toEqual(reminder ? at(reminder) : null);
  });
});
