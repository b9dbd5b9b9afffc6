/**
 * The iCal feed read back by an independent parser (ical.js): one VEVENT per
 * shift of the calculator, same start, end and stable UID; text escaped and
 * long lines folded as RFC 5545 says.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventUid, renderIcs, type FeedEvent } from './calendar-ics.js';
import { finalShifts, type ScheduleTimeline } from './oncall/timeline.js';

const names: Record<string, string> = { A: 'Zoë "Zed" O\'Brien, SRE; EMEA', B: 'Bob' };

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    calendar,
    events: calendar.getAllSubcomponents('vevent').map((v) => {
      const event = new ICAL.Event(v);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate().getTime(),
        end: event.endDate.toJSDate().getTime(),
        stamp: v.getFirstPropertyValue('dtstamp'),
      };
    }),
  };
}

describe('iCal feeds', () => {
  const timeline: ScheduleTimeline = {
    versions: [
      {
        number: 1,
        effectiveFrom: 0,
        definition: {
          timeZone: 'Europe/London',
          layers: [
            {
              name: 'Primary',
              participants: ['A', 'B'],
              shift: { length: 1, unit: 'days' },
              handoffTime: '09:00',
              startDate: '2026-01-01',
            },
            {
              name: 'Nights',
              participants: ['B'],
              shift: { length: 1, unit: 'weeks' },
              handoffTime: '00:00',
              startDate: '2026-01-01',
              restrictions: [{ days: [6], start: '22:00', end: '06:00' }],
            },
          ],
        },
      },
    ],
    overrides: [
      {
        id: 'o',
        kind: 'replace',
        userId: 'B',
        replacesUserId: 'A',
        start: Date.parse('2026-03-02T12:00Z'),
        end: Date.parse('2026-03-02T15:00Z'),
        createdAt: 1,
      },
    ],
  };
  const from = Date.parse('2026-02-01T00:00Z');
  const to = Date.parse('2027-02-01T00:00Z');
  const scheduleName =
    'Payments, primary; the long name of a schedule that makes lines longer than seventy-five octets';
  const shifts = finalShifts(timeline, from, to);
  const events: FeedEvent[] = shifts.map((s) => ({
    scheduleId: 'sched-1',
    scheduleName,
    userId: s.userId,
    userName: names[s.userId]!,
    start: s.start,
    end: s.end,
  }));
  const text = renderIcs({
    name: `On call: ${scheduleName}`,
    description: 'test',
    kind: 'schedule',
    events,
    generatedAt: new Date('2026-02-01T00:00:00Z'),
  });

  it("parses back to exactly the calculator's shifts, a year of them, across both DST changes", () => {
    const parsed = parse(text);
    expect(parsed.events.length).toBe(shifts.length);
    expect(shifts.length).toBeGreaterThan(300);
    expect(parsed.events.map((e) => [e.start, e.end])).toEqual(shifts.map((s) => [s.start, s.end]));
    expect(parsed.events.map((e) => e.uid)).toEqual(events.map(eventUid));
    expect(new Set(parsed.events.map((e) => e.uid)).size).toBe(shifts.length);
    expect(parsed.events[0]!.summary).toBe(`${names[shifts[0]!.userId]} on call (${scheduleName})`);
    expect(parsed.events.every((e) => e.stamp !== null)).toBe(true);
    expect(parsed.calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(String(parsed.calendar.getFirstPropertyValue('prodid'))).toContain('Tocsin');
  });

  it('folds long lines at 75 octets with CRLF, and escapes commas and semicolons', () => {
    const lines = text.split('\r\n');
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).toContain('Payments\\, primary\\; the long');
    expect(text).toMatch(/DTSTART:2026\d{4}T\d{6}Z/);
  });

  it("keeps a shift's UID when only its end moves, and changes it when its start does", () => {
    const base = { scheduleId: 's', userId: 'A', start: 1, end: 2 };
    const later = { ...base, end: 3 };
    expect(eventUid(base)).toBe(eventUid(later));
    expect(eventUid(base)).not.toBe(eventUid({ ...base, start: 0 }));
    expect(eventUid(base)).toMatch(/^[0-9a-f]{32}@tocsin$/);
  });
});
