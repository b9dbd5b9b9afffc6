/**
 * An instant as "3 min ago", kept current each minute, with the full time in
 * the signed-in person's zone beside it for whoever hovers or reads it aloud.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../features/auth/session-context';
import { formatInstant } from './instant';
import { formatRelative } from './relative-time';

const TICK_MS = 60_000;

/** The current time, moving on once a minute (only the words "n min ago" change; no data is fetched). */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function Ago({ iso, fallback = '—' }: { iso: string | null | undefined; fallback?: string }) {
  const { state } = useSession();
  const now = useMinuteClock();
  if (!iso) return <span className="muted">{fallback}</span>;
  const timeZone = state.status === 'signed-in' ? state.user.timeZone : 'UTC';
  const full = formatInstant(iso, timeZone, 'minute');
  return (
    <time dateTime={iso} title={full} aria-label={`${formatRelative(iso, now)} (${full})`}>
      {formatRelative(iso, now)}
    </time>
  );
}
