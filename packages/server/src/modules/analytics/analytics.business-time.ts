/**
 * Due instants of SLA targets: `minutes` after a start, counted in wall time
 * or only inside a service's business hours (docs/analytics.md). Pure
 * functions over the services module's business-hours rules and luxon, so a
 * business day that loses an hour to DST is still 09:00–17:00 local.
 */
import { DateTime } from 'luxon';
import { isWithinBusinessHours, nextBusinessStart, type BusinessHours } from '../services/index.js';

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

const atMinute = (day: DateTime, minute: number): DateTime =>
  day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 });

/** The instant the business window containing `at` ends (`at` must be inside one). */
export function businessWindowEnd(hours: BusinessHours, timeZone: string, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const today = local.startOf('day');
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  const minute = local.hour * 60 + local.minute;
  if (start === end) return today.plus({ days: 1 }).toJSDate(); // whole days: until local midnight
  if (start < end || minute < end) return atMinute(today, end).toJSDate();
  return atMinute(today.plus({ days: 1 }), end).toJSDate(); // crosses midnight: ends tomorrow
}

/**
 * The instant `minutes` after `start` in business hours (wall time when
 * `hours` is null: always business hours). Null when the hours have no day
 * at all, so such a target can never fall due.
 */
export function addBusinessMinutes(
  hours: BusinessHours | null,
  timeZone: string,
  start: Date,
  minutes: number,
): Date | null {
  if (!hours) return new Date(start.getTime() + minutes * 60_000);
  if (hours.days.length === 0) return null;
  let remainingMs = minutes * 60_000;
  let cursor = nextBusinessStart(hours, timeZone, start);
  // Each pass consumes one business window; a year of windows is far more than any target.
  for (let pass = 0; pass < 800; pass++) {
    if (!isWithinBusinessHours(hours, timeZone, cursor)) cursor = nextBusinessStart(hours, timeZone, cursor);
    const end = businessWindowEnd(hours, timeZone, cursor);
    const availableMs = end.getTime() - cursor.getTime();
    if (remainingMs <= availableMs) return new Date(cursor.getTime() + remainingMs);
    remainingMs -= availableMs;
    cursor = end;
  }
  return null;
}

/** The due instant of a target: wall time, or business hours when the target says so. */
export function dueAt(
  target: { minutes: number | null; businessHours: boolean },
  service: { businessHours: BusinessHours | null; timeZone: string },
  start: Date,
): Date | null {
  if (target.minutes === null) return null;
  return target.businessHours
    ? addBusinessMinutes(service.businessHours, service.timeZone, start, target.minutes)
    : new Date(start.getTime() + target.minutes * 60_000);
}
