/**
 * Shifts as lines of text: who, from, to, on the schedule's clock and, when
 * the viewer's zone differs, on theirs beneath. The chart's bars in words,
 * readable on a phone and by a screen reader.
 */
import type { ReactNode } from 'react';
import { formatZoned } from './zoned-time';

export interface ListedShift {
  key: string;
  who: ReactNode;
  start: string;
  end: string;
}

/** From – to on one clock, and on a second clock beneath when its zone differs ("your time", "schedule’s clock"). */
export function ShiftTimes({
  start,
  end,
  zone,
  otherZone,
  otherLabel = 'your time',
}: {
  start: string;
  end: string;
  zone: string;
  otherZone?: string | undefined;
  otherLabel?: string;
}) {
  return (
    <span className="shift-times">
      <span data-testid="shift-time">
        {formatZoned(start, zone)} – {formatZoned(end, zone)} <span className="muted">{zone}</span>
      </span>
      {otherZone && otherZone !== zone && (
        <span className="shift-viewer" data-testid="shift-other-time">
          {otherLabel}: {formatZoned(start, otherZone)} – {formatZoned(end, otherZone)} ({otherZone})
        </span>
      )}
    </span>
  );
}

export function ShiftList({
  shifts,
  zone,
  viewerZone,
  empty,
}: {
  shifts: readonly ListedShift[];
  zone: string;
  viewerZone?: string;
  empty: string;
}) {
  if (shifts.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="shift-list">
      {shifts.map((shift) => (
        <li key={shift.key} data-testid="shift">
          <span className="shift-who">{shift.who}</span>
          <ShiftTimes start={shift.start} end={shift.end} zone={zone} otherZone={viewerZone} />
        </li>
      ))}
    </ul>
  );
}
