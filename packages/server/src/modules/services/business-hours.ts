/**
 * Business hours in a service's time zone: is an instant inside them, and when
 * do they next begin. Pure functions over luxon, so DST is the library's job.
 */
import { DateTime } from 'luxon';
import type { BusinessHours } from './services.types.js';

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** True when `at` falls inside the hours (always true when there are none). */
export function isWithinBusinessHours(hours: BusinessHours | null, timeZone: string, at: Date): boolean {
  if (!hours) return true;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start === end) return hours.days.includes(local.weekday); // whole days
  if (start < end) return hours.days.includes(local.weekday) && minute >= start && minute < end;
  // Crosses midnight: the shift belongs to the day it starts on.
  if (minute >= start) return hours.days.includes(local.weekday);
  const yesterday = local.minus({ days: 1 }).weekday;
  return minute < end && hours.days.includes(yesterday);
}

/** `at` itself when inside business hours, else the next instant they begin. */
export function nextBusinessStart(hours: BusinessHours | null, timeZone: string, at: Date): Date {
  if (!hours || hours.days.length === 0 || isWithinBusinessHours(hours, timeZone, at)) return at;
  const start = minutesOf(hours.start);
  let day = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  for (let i = 0; i < 8; i++) {
    if (hours.days.includes(day.weekday)) {
      // luxon moves a start that falls in a DST gap forward to a real instant.
      const candidate = day.set({ hour: Math.floor(start / 60), minute: start % 60 });
      if (candidate.toMillis() > at.getTime()) return candidate.toJSDate();
    }
    day = day.plus({ days: 1 });
  }
  return at; // unreachable with at least one day
}
