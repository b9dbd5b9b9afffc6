import { describe, expect, it } from 'vitest';
import { parseTimelineFilters } from './timeline.filters.js';

describe('parseTimelineFilters', () => {
  it.each([
    [{}, {}],
    [{ kind: 'note' }, { kinds: ['note'] }],
    [{ kind: 'note, acknowledged' }, { kinds: ['note', 'acknowledged'] }],
    [{ source: 'web,cli' }, { sources: ['web', 'cli'] }],
    [{ starred: 'true' as const }, { starred: true }],
    [{ starred: 'false' as const }, { starred: false }],
  ])('reads %j', (query, filters) => {
    expect(parseTimelineFilters(query)).toEqual(filters);
  });

  it.each([
    [{ kind: 'note,postmortem' }, /Unknown kind "postmortem": use triggered, .*note/],
    [{ kind: '' }, /Unknown kind ""/],
    [{ source: 'fax' }, /Unknown source "fax": use web, api, cli/],
  ])('refuses %j, naming the valid values', (query, message) => {
    expect(() => parseTimelineFilters(query)).toThrow(message);
  });
});
