/**
 * On-call health in the Analytics area: interruptions per person split into
 * business, off and sleep hours of their own time zone, nights and weekend
 * days on call, and the noisiest alerts (docs/analytics.md).
 */
import { ErrorMessage } from '../../ui/feedback';
import { useOnCallHealth } from './analytics.api';

export function OnCallHealthPanel({ from, to, teamId, tz }: { from: string; to: string; teamId: string; tz: string }) {
  const health = useOnCallHealth(from, to, teamId, tz);
  const data = health.data;
  return (
    <section className="panel oncall-health" aria-labelledby="oncall-health-heading">
      <h2 id="oncall-health-heading">On-call health</h2>
      <p className="muted">
        Hours in each person&apos;s own time zone: business Mon–Fri 09:00–18:00, sleep 22:00–07:00, off the rest.
      </p>
      <ErrorMessage error={health.error} title="On-call health could not be loaded:" />
      {data && data.people.length === 0 && <p className="muted">Nobody was paged or on call.</p>}
      {data && data.people.length > 0 && (
        <div className="table-scroll">
          <table className="table" aria-label="Interruptions and time on call per person">
            <thead>
              <tr>
                <th>Person</th>
                <th className="num">Interruptions</th>
                <th className="num">Business</th>
                <th className="num">Off hours</th>
                <th className="num">Sleep</th>
                <th className="num">Nights on call</th>
                <th className="num">Weekend days</th>
              </tr>
            </thead>
            <tbody>
              {data.people.map((p) => (
                <tr key={p.userId}>
                  <td>
                    {p.name}
                    <div className="muted small">{p.timeZone}</div>
                  </td>
                  <td className="num">{p.interruptions.total}</td>
                  <td className="num">{p.interruptions.business}</td>
                  <td className="num">{p.interruptions.off}</td>
                  <td className="num">{p.interruptions.sleep}</td>
                  <td className="num">{p.nightsOnCall}</td>
                  <td className="num">{p.weekendDaysOnCall}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <>
          <h3>Noisiest alerts</h3>
          {data.mostTriggered.length === 0 ? (
            <p className="muted">No alerts.</p>
          ) : (
            <div className="table-scroll">
              <table className="table" aria-label="Noisiest alerts">
                <thead>
                  <tr>
                    <th>Alert</th>
                    <th>Service</th>
                    <th className="num">Triggers</th>
                    <th className="num">Auto-resolved unacknowledged</th>
                  </tr>
                </thead>
                <tbody>
                  {data.mostTriggered.map((a) => (
                    <tr key={`${a.serviceId}:${a.dedupKey}`}>
                      <td>{a.summary}</td>
                      <td>{a.serviceName}</td>
                      <td className="num">{a.triggers}</td>
                      <td className="num">{a.autoResolved}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
