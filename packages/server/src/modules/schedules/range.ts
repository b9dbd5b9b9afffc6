/** The time ranges people may ask about: defaults, and limits that keep an answer cheap. */
import { AppError } from '../../lib/errors.js';
import { DAY_MS } from './oncall/zone-rules.js';

const MAX_RANGE_MS = 400 * DAY_MS;
const DEFAULT_RANGE_MS = 28 * DAY_MS;

const iso = (d: Date): string => d.toISOString();

/** [from, to) from a query: from defaults to now, to to four weeks later; at most 400 days. */
export function rangeOf(
  now: Date,
  query: { from?: string | undefined; to?: string | undefined },
): { from: Date; to: Date } {
  const from = query.from ? new Date(query.from) : now;
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_RANGE_MS);
  if (to.getTime() <= from.getTime())
    throw new AppError('bad_request', `The range is empty: "to" (${iso(to)}) must be after "from" (${iso(from)}).`);
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new AppError(
      'bad_request',
      `The range is longer than 400 days (${iso(from)} to ${iso(to)}): ask for less at a time.`,
    );
  }
  return { from, to };
}
