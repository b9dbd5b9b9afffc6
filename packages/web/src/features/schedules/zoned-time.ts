/**
 * Wall-clock arithmetic in a schedule's own time zone: schedules hand over at
 * local times, so their pages show and take times on the schedule's clock,
 * not the browser's. Offsets come from the browser's own time-zone database
 * (Intl), never from a table of ours; the web package has no time-zone
 * library of its own (luxon lives in the server), and the schedule's shifts
 * themselves are always computed by the server.
 */

function partsIn(date: Date, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const part of parts) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = partsIn(date, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** The instant a local wall-clock time ("2026-03-01T09:00") names in the zone. */
export function zonedToInstant(local: string, timeZone: string): Date {
  const [datePart = '', timePart = '00:00'] = local.split('T');
  const [y, m, d] = datePart.split('-').map(Number);
  const [hh, mm] = timePart.split(':').map(Number);
  const guess = Date.UTC(y!, m! - 1, d!, hh ?? 0, mm ?? 0);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60000);
}

/** The local wall-clock time of an instant in the zone, as a datetime-local value. */
export function instantToZoned(date: Date, timeZone: string): string {
  const p = partsIn(date, timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour! % 24)}:${two(p.minute)}`;
}

/** Local midnight at the start of the instant's day in the zone. */
export function startOfDay(date: Date, timeZone: string): Date {
  return zonedToInstant(`${instantToZoned(date, timeZone).slice(0, 10)}T00:00`, timeZone);
}

/** Today's date in the zone, "YYYY-MM-DD". */
export function todayIn(timeZone: string): string {
  return instantToZoned(new Date(), timeZone).slice(0, 10);
}

/** A short local time in the zone, e.g. "Mon 3 Mar, 09:00". */
export function formatZoned(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** A day heading in the zone, e.g. "Mon 3". */
export function formatDay(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric' }).format(date);
}
