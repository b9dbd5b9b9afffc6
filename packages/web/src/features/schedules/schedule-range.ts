/**
 * Which days a schedule's page shows: a week (Monday to Sunday), two weeks
 * from a day, or a calendar month, and paging back and forth by that much.
 * Pure calendar-date arithmetic on "YYYY-MM-DD" (the schedule's own dates);
 * turning a date into an instant in the schedule's zone is zoned-time's job.
 */
export type RangeView = 'week' | 'fortnight' | 'month';

export const RANGE_VIEWS: ReadonlyArray<{ view: RangeView; label: string }> = [
  { view: 'week', label: 'Week' },
  { view: 'fortnight', label: '2 weeks' },
  { view: 'month', label: 'Month' },
];

const DATE = /^\d{4}-\d\d-\d\d$/;

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const fromUtc = (date: Date): string => date.toISOString().slice(0, 10);

export function isDate(text: string | null | undefined): text is string {
  return !!text && DATE.test(text) && !Number.isNaN(toUtc(text).getTime()) && fromUtc(toUtc(text)) === text;
}

export function parseView(text: string | null | undefined): RangeView {
  return text === 'week' || text === 'month' ? text : 'fortnight';
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  return fromUtc(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

/** The Monday of the date's week. */
export function mondayOf(date: string): string {
  const weekday = (toUtc(date).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(date, -weekday);
}

export function daysInMonth(date: string): number {
  const d = toUtc(date);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** The first day shown and how many days, for a view around a date. */
export function rangeOf(view: RangeView, date: string): { start: string; days: number } {
  if (view === 'week') return { start: mondayOf(date), days: 7 };
  if (view === 'month') return { start: `${date.slice(0, 7)}-01`, days: daysInMonth(date) };
  return { start: date, days: 14 };
}

/** The date to show after paging one step (-1 back, +1 forward). */
export function stepDate(view: RangeView, date: string, direction: -1 | 1): string {
  if (view === 'month') return addMonths(date, direction);
  const { start, days } = rangeOf(view, date);
  return addDays(start, direction * days);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "5 – 11 Jan 2026", "29 Dec 2025 – 4 Jan 2026", "January 2026". */
export function rangeLabel(view: RangeView, date: string): string {
  const { start, days } = rangeOf(view, date);
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  if (view === 'month') return `${LONG_MONTHS[m1 - 1]} ${y1}`;
  const [y2, m2, d2] = addDays(start, days - 1)
    .split('-')
    .map(Number) as [number, number, number];
  if (y1 !== y2) return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  if (m1 !== m2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  return `${d1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`;
}
