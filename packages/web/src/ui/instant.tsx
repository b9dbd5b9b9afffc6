/**
 * An instant shown in the signed-in person's time zone, with the zone named,
 * because at 3 a.m. nobody should have to guess whose clock a time is on.
 * Shorter precisions keep the full instant in a tooltip.
 */
import { useSession } from '../features/auth/session-context';

export type Precision = 'day' | 'minute' | 'second';

export function formatInstant(iso: string, timeZone: string, precision: Precision = 'minute'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time: Intl.DateTimeFormatOptions =
    precision === 'day'
      ? {}
      : {
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
          ...(precision === 'second' && { second: '2-digit' }),
        };
  try {
    return new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone,
      ...time,
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

interface InstantProps {
  iso: string | null | undefined;
  fallback?: string;
  precision?: Precision;
}

export function Instant({ iso, fallback = '—', precision = 'minute' }: InstantProps) {
  const { state } = useSession();
  if (!iso) return <span className="muted">{fallback}</span>;
  const timeZone = state.status === 'signed-in' ? state.user.timeZone : 'UTC';
  return (
    <time dateTime={iso} title={formatInstant(iso, timeZone, 'second')}>
      {formatInstant(iso, timeZone, precision)}
    </time>
  );
}
