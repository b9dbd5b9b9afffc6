/** Audit entries, newest first: when, who, what, and the before/after on demand. */
import type { AuditEntry } from './audit.types';
import { Instant } from '../../ui/instant';

function Change({ entry }: { entry: AuditEntry }) {
  if (entry.before == null && entry.after == null) return <span className="muted">—</span>;
  return (
    <details>
      <summary className="nowrap">Show change</summary>
      <div className="change">
        {entry.before != null && (
          <div>
            <h3>Before</h3>
            <pre>{JSON.stringify(entry.before, null, 2)}</pre>
          </div>
        )}
        {entry.after != null && (
          <div>
            <h3>After</h3>
            <pre>{JSON.stringify(entry.after, null, 2)}</pre>
          </div>
        )}
      </div>
    </details>
  );
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Audit log, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">On</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id} data-testid="audit-row">
            <td className="nowrap">
              <Instant iso={entry.at} precision="second" />
            </td>
            <td>
              {entry.actor.label}
              {entry.actor.type !== 'user' && <span className="muted"> ({entry.actor.type})</span>}
            </td>
            <td>
              <code>{entry.action}</code>
            </td>
            <td>
              {entry.entityType}
              <code className="entity-id">{entry.entityId}</code>
            </td>
            <td>
              <Change entry={entry} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
