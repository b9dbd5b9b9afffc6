/**
 * "3 min ago": how long ago an instant was, in the words people scan a list
 * for. Pure; the full instant in the viewer's zone goes in a tooltip beside it.
 */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function formatRelative(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const ago = now.getTime() - then;
  if (ago < 0) {
    const ahead = -ago;
    if (ahead < MINUTE_MS) return 'in under a minute';
    if (ahead < HOUR_MS) return `in ${Math.floor(ahead / MINUTE_MS)} min`;
    if (ahead < DAY_MS) return `in ${Math.floor(ahead / HOUR_MS)} h`;
    return `in ${Math.floor(ahead / DAY_MS)} d`;
  }
  if (ago < MINUTE_MS) return 'just now';
  if (ago < HOUR_MS) return `${Math.floor(ago / MINUTE_MS)} min ago`;
  if (ago < DAY_MS) {
    const hours = Math.floor(ago / HOUR_MS);
    const minutes = Math.floor((ago % HOUR_MS) / MINUTE_MS);
    return hours < 6 && minutes > 0 ? `${hours} h ${minutes} min ago` : `${hours} h ago`;
  }
  const days = Math.floor(ago / DAY_MS);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}
