import { describe, expect, it } from 'vitest';
import { ALL_ENTRIES, groupOf, showsEntry, showsNotifications, type TimelineView } from './timeline-groups';
import type { TimelineEntry } from './timeline.types';

const entry = (kind: TimelineEntry['kind'], source: TimelineEntry['source'], isStarred = false): TimelineEntry => ({
  id: '1',
  at: '2026-01-01T00:00:00.000Z',
  kind,
  actor: { type: 'user', id: 'u1', label: 'Ada' },
  source,
  message: 'm',
  data: null,
  version: 1,
  starred: isStarred ? { at: '2026-01-01T00:00:00.000Z', by: { id: 'u1', label: 'Ada' } } : null,
  edited: null,
  deleted: null,
});

const view = (over: Partial<TimelineView>): TimelineView => ({ ...ALL_ENTRIES, ...over });

describe('timeline filters', () => {
  it('group kinds as people look for them', () => {
    expect([groupOf('note'), groupOf('notified'), groupOf('stage_changed'), groupOf('owner_changed')]).toEqual([
      'notes',
      'pages',
      'response',
      'roles',
    ]);
  });

  it.each([
    ['everything', ALL_ENTRIES, entry('escalated', 'engine'), true],
    ['a group it is in', view({ groups: ['notes', 'alerts'] }), entry('note', 'web'), true],
    ['a group it is not in', view({ groups: ['notes'] }), entry('acknowledged', 'web'), false],
    ['its source', view({ sources: ['web', 'cli'] }), entry('note', 'cli'), true],
    ['another source', view({ sources: ['web'] }), entry('note', 'api'), false],
    ['starred, and it is', view({ isStarredOnly: true }), entry('resolved', 'api', true), true],
    ['starred, and it is not', view({ isStarredOnly: true }), entry('resolved', 'api'), false],
  ])('with %s', (_, filters, shown, expected) => {
    expect(showsEntry(filters, shown)).toBe(expected);
  });

  it('show the notifications as pages by the engine, never as starred', () => {
    expect(showsNotifications(ALL_ENTRIES)).toBe(true);
    expect(showsNotifications(view({ groups: ['pages'], sources: ['engine'] }))).toBe(true);
    expect(showsNotifications(view({ groups: ['notes'] }))).toBe(false);
    expect(showsNotifications(view({ sources: ['web'] }))).toBe(false);
    expect(showsNotifications(view({ isStarredOnly: true }))).toBe(false);
  });
});
