/**
 * Days as bars: the final schedule (one row per person) and, under it, each
 * layer's own row. Days are columns on the schedule's clock; every bar names
 * its person and its times, for screen readers and on hover, on the viewer's
 * clock too when theirs differs. A month labels one day a week.
 */
import type { Shift } from './schedules.types';
import { formatDay, formatZoned, startOfDay } from './zoned-time';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Row {
  key: string;
  label: string;
  shifts: readonly Shift[];
}

interface TimelineChartProps {
  timeZone: string;
  from: Date;
  days: number;
  shifts: readonly Shift[];
  layers: ReadonlyArray<{ name: string; shifts: readonly Shift[] }>;
  title?: string;
  /** The viewer's time zone: shown beside the schedule's when they differ. */
  viewerZone?: string;
}

/** A stable colour slot per person, so the same person looks the same in every row. */
function colourOf(userId: string, order: readonly string[]): number {
  const index = order.indexOf(userId);
  return (index < 0 ? 0 : index) % 8;
}

export function TimelineChart({
  timeZone,
  from,
  days,
  shifts,
  layers,
  title = 'Timeline',
  viewerZone,
}: TimelineChartProps) {
  const isOtherZone = !!viewerZone && viewerZone !== timeZone;
  const isSparse = days > 14;
  const start = from.getTime();
  const end = start + days * DAY_MS;
  const people = [...new Map(shifts.map((shift) => [shift.userId, shift.name])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const order = people.map(([id]) => id);
  for (const layer of layers)
    for (const shift of layer.shifts) if (!order.includes(shift.userId)) order.push(shift.userId);
  const finalRows: Row[] = people.map(([id, name]) => ({
    key: `final-${id}`,
    label: name,
    shifts: shifts.filter((shift) => shift.userId === id),
  }));
  const layerRows: Row[] = layers.map((layer) => ({
    key: `layer-${layer.name}`,
    label: layer.name,
    shifts: layer.shifts,
  }));
  const dayStarts = Array.from({ length: days }, (_, i) =>
    startOfDay(new Date(start + i * DAY_MS + DAY_MS / 2), timeZone),
  );
  const nowPct = ((Date.now() - start) / (end - start)) * 100;

  function bars(row: Row, showNames: boolean) {
    return row.shifts
      .filter((shift) => Date.parse(shift.end) > start && Date.parse(shift.start) < end)
      .map((shift, index) => {
        const left = Math.max(0, ((Date.parse(shift.start) - start) / (end - start)) * 100);
        const right = Math.min(100, ((Date.parse(shift.end) - start) / (end - start)) * 100);
        const label =
          `${shift.name}: ${formatZoned(shift.start, timeZone)} – ${formatZoned(shift.end, timeZone)}` +
          (isOtherZone
            ? ` (${timeZone}); your time ${formatZoned(shift.start, viewerZone)} – ${formatZoned(shift.end, viewerZone)} (${viewerZone})`
            : '');
        return (
          <li
            key={`${shift.start}-${index}`}
            className={`timeline-bar person-${colourOf(shift.userId, order)}`}
            style={{ left: `${left}%`, width: `${Math.max(right - left, 0.3)}%` }}
            title={label}
            aria-label={label}
          >
            {showNames && <span aria-hidden="true">{shift.name}</span>}
          </li>
        );
      });
  }

  function renderRow(row: Row, showNames: boolean) {
    return (
      <div className="timeline-row" key={row.key} data-testid="timeline-row">
        <div className="timeline-label">{row.label}</div>
        <ul className="timeline-track" aria-label={`${row.label}: shifts`}>
          {bars(row, showNames)}
          {nowPct >= 0 && nowPct <= 100 && (
            <li className="timeline-now" style={{ left: `${nowPct}%` }} aria-hidden="true" />
          )}
        </ul>
      </div>
    );
  }

  return (
    <section className="panel timeline" aria-label={title}>
      <h2>{title}</h2>
      <p className="hint">
        {days} days on the schedule’s clock ({timeZone}).
        {isOtherZone && ` Your clock is ${viewerZone}: each bar gives both times.`} The red line is now.
      </p>
      <div className="timeline-row timeline-head" aria-hidden="true">
        <div className="timeline-label" />
        <div className={isSparse ? 'timeline-days sparse' : 'timeline-days'}>
          {dayStarts
            .filter((_, index) => !isSparse || index % 7 === 0)
            .map((day) => (
              <span key={day.toISOString()} style={{ left: `${((day.getTime() - start) / (end - start)) * 100}%` }}>
                {formatDay(day, timeZone)}
              </span>
            ))}
        </div>
      </div>
      <h3 className="timeline-section">Final schedule</h3>
      {finalRows.length === 0 ? (
        <p className="muted">Nobody is on call in these days.</p>
      ) : (
        finalRows.map((row) => renderRow(row, false))
      )}
      {layerRows.length > 0 && <h3 className="timeline-section">Layers (bottom up: a later layer wins)</h3>}
      {layerRows.map((row) => renderRow(row, true))}
    </section>
  );
}
