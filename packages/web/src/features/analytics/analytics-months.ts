/**
 * The months the Analytics area opens on when the URL names none: counted
 * from today's date in UTC (not the browser's zone, not the date the bundle
 * was loaded), so every viewer opening it at the same instant lands on the
 * same months whatever their machine's zone. Pure: `now` is the caller's.
 */

/** YYYY-MM of the UTC month `offset` months from the one `now` is in. */
export function utcMonth(now: Date, offset = 0): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
}

/** The overview's default: the UTC month of `now` and the two before it. */
export function defaultMonths(now: Date): { from: string; to: string } {
  return { from: utcMonth(now, -2), to: utcMonth(now) };
}
