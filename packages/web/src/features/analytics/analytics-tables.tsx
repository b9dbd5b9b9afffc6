/** The figures per group, and the incidents behind them with their clocks and breaches. */
import { Link } from 'react-router-dom';
import { Instant } from '../../ui/instant';
import { BREACH_LABELS, formatDuration, formatShare } from './analytics-format';
import type { Distribution, GroupFigures, IncidentFigures } from './analytics.types';

const spread = (d: Distribution) =>
  d.count === 0 ? '' : `median ${formatDuration(d.median)} · p90 ${formatDuration(d.p90)}`;

export function GroupTable({
  groups,
  onPick,
}: {
  groups: readonly GroupFigures[];
  onPick?: (g: GroupFigures) => void;
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">Figures per group</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Incidents</th>
          <th scope="col">MTTA</th>
          <th scope="col">MTTR</th>
          <th scope="col">Compliance</th>
          <th scope="col">Escalated</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={`${g.key}|${g.subKey}`} data-testid="group-row">
            <td className="wrap">
              {onPick ? (
                <button type="button" className="link-button" onClick={() => onPick(g)}>
                  {g.label}
                </button>
              ) : (
                g.label
              )}
              {g.nearMisses > 0 && <span className="muted"> (+{g.nearMisses} near misses)</span>}
            </td>
            <td>{g.count}</td>
            <td title={spread(g.tta)}>{formatDuration(g.tta.mean)}</td>
            <td title={spread(g.ttr)}>{formatDuration(g.ttr.mean)}</td>
            <td>
              {formatShare(g.compliance)}
              {g.breached > 0 && <span className="muted"> ({g.breached} breached)</span>}
            </td>
            <td>{formatShare(g.escalationRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IncidentFiguresTable({ incidents }: { incidents: readonly IncidentFigures[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Incidents</caption>
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Target</th>
          <th scope="col">To acknowledge</th>
          <th scope="col">To resolve</th>
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.incidentId} data-testid="analytics-incident">
            <td className="wrap">
              <Link to={`/app/incidents/${i.incidentId}`}>
                #{i.number} {i.title}
              </Link>{' '}
              <span className="muted">{i.severity ?? `${i.urgency} urgency`}</span>
            </td>
            <td>
              {i.status === 'breached'
                ? i.breaches.map((b) => (
                    <span key={b.reason} className="breach-tag">
                      {BREACH_LABELS[b.reason]} by {formatDuration(b.bySeconds)}
                    </span>
                  ))
                : { within: 'Within', pending: 'Pending', excluded: i.nearMiss ? 'Near miss' : 'Merged' }[i.status]}
            </td>
            <td>
              {formatDuration(i.ttaSeconds)}
              {i.acknowledgedBy === 'integration' && <span className="muted"> (integration)</span>}
            </td>
            <td>{formatDuration(i.ttrSeconds)}</td>
            <td>
              <Instant iso={i.openedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
