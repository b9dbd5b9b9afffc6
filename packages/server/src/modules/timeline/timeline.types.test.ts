/**
 * The timeline's kinds are a closed, typed set: an unknown kind, a kind
 * without its data, or data of the wrong shape does not compile (checked by
 * `npm run lint`, which type-checks tests: each @ts-expect-error fails the
 * build if the line below it ever compiles). The API schema lists every kind.
 */
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../lib/source.js';
import { TIMELINE_KINDS, TimelineEntrySchema, type TimelineEntryInput } from './index.js';

describe('timeline entry kinds', () => {
  it('accept the known kinds with their data, and nothing else', () => {
    const entries: TimelineEntryInput[] = [
      { kind: 'note', message: 'Rolled back' },
      { kind: 'alert_added', message: 'Grouped', data: { alertId: 'a1' } },
      { kind: 'reassigned', message: 'Reassigned', data: { policyId: 'p1' } },
      // @ts-expect-error an unknown kind does not compile
      { kind: 'postmortem_published', message: 'Published' },
      // @ts-expect-error a kind that carries data needs it
      { kind: 'snoozed', message: 'Snoozed' },
      // @ts-expect-error the data must have the kind's shape
      { kind: 'escalation_exhausted', message: 'Exhausted', data: { loops: 'three' } },
      // @ts-expect-error a kind without data takes none
      { kind: 'acknowledged', message: 'Acknowledged', data: { by: 'me' } },
    ];
    expect(entries).toHaveLength(7);
  });

  it('are all known to the API schema, once each; so are the sources', () => {
    expect(new Set(TIMELINE_KINDS).size).toBe(TIMELINE_KINDS.length);
    const entry = {
      id: '1',
      at: '2026-01-01T00:00:00.000Z',
      actor: { type: 'system', id: null, label: 'Tocsin' },
      message: 'm',
      data: null,
      version: 1,
      starred: null,
      edited: null,
      deleted: null,
    };
    for (const kind of TIMELINE_KINDS)
      expect(TimelineEntrySchema.safeParse({ ...entry, kind, source: 'engine' }).success).toBe(true);
    for (const source of SOURCES)
      expect(TimelineEntrySchema.safeParse({ ...entry, kind: 'note', source }).success).toBe(true);
    expect(TimelineEntrySchema.safeParse({ ...entry, kind: 'made_up', source: 'engine' }).success).toBe(false);
    expect(TimelineEntrySchema.safeParse({ ...entry, kind: 'note', source: 'fax' }).success).toBe(false);
  });
});
