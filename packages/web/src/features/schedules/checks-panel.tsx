/** The checks of a schedule or a preview: gaps, double bookings, and load per person with the uneven measures marked. */
import type { Checks } from './schedules.types';
import { formatZoned } from './zoned-time';

const MEASURES = [
  ['hours', 'Hours'],
  ['nightHours', 'Night hours (22–06)'],
  ['weekendHours', 'Weekend hours'],
] as const;

export function ChecksPanel({ checks, timeZone }: { checks: Checks; timeZone: string }) {
  const isClean = checks.gaps.length === 0 && checks.doubleBookings.length === 0 && checks.unevenLoad.length === 0;
  return (
    <section className="panel" aria-labelledby="checks-heading" data-testid="checks">
      <h2 id="checks-heading">Checks over the next {checks.weeks} weeks</h2>
      {isClean && <p className="notice notice-success">No gaps, no double bookings, and the load is even.</p>}
      {checks.warnings.length > 0 && (
        <ul className="notice notice-error check-warnings">
          {checks.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {checks.gaps.length > 0 && (
        <>
          <h3>Gaps: nobody on call ({checks.gaps.length})</h3>
          <ul>
            {checks.gaps.slice(0, 10).map((gap) => (
              <li key={gap.start}>
                {formatZoned(gap.start, timeZone)} – {formatZoned(gap.end, timeZone)}
              </li>
            ))}
          </ul>
        </>
      )}
      {checks.doubleBookings.length > 0 && (
        <>
          <h3>Double bookings ({checks.doubleBookings.length})</h3>
          <ul>
            {checks.doubleBookings.slice(0, 10).map((booking) => (
              <li key={`${booking.userId}-${booking.start}`}>
                {booking.name}: {formatZoned(booking.start, timeZone)} – {formatZoned(booking.end, timeZone)} (
                {booking.sources.join(', ')})
              </li>
            ))}
          </ul>
        </>
      )}
      {checks.load.length > 0 && (
        <table className="table cards">
          <caption className="visually-hidden">Load per person</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              {MEASURES.map(([key, label]) => (
                <th scope="col" key={key}>
                  {label}
                  {checks.unevenLoad.includes(key) && <span className="badge uneven">uneven</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {checks.load.map((person) => (
              <tr key={person.userId}>
                <td className="card-title">{person.name}</td>
                {MEASURES.map(([key, label]) => (
                  <td key={key} data-label={label}>
                    {Math.round(person[key] * 10) / 10}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
