/**
 * Overrides of a schedule: who is put on call for a window instead of the
 * rotation. Add one (person, start, end on the schedule's clock) or remove
 * one with a second click.
 */
import { useState } from 'react';
import type { User } from '../users/users.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import type { Override } from './schedules.types';
import { formatZoned, instantToZoned, zonedToInstant } from './zoned-time';
import { createOverride, deleteOverride } from './schedule-changes.api';

interface OverridesPanelProps {
  /** Offer adding and removing overrides (default true); the server still decides. */
  canChange?: boolean;
  scheduleId: string;
  timeZone: string;
  overrides: readonly Override[];
  users: readonly User[];
  onChanged: () => void;
}

export function OverridesPanel({
  scheduleId,
  timeZone,
  overrides,
  users,
  onChanged,
  canChange = true,
}: OverridesPanelProps) {
  const { client } = useSession();
  const [userId, setUserId] = useState('');
  const [startsAt, setStartsAt] = useState(() => instantToZoned(new Date(), timeZone));
  const [endsAt, setEndsAt] = useState(() => instantToZoned(new Date(Date.now() + 8 * 3600_000), timeZone));
  const [confirmingId, setConfirmingId] = useState<string>();

  const {
    error,
    isSubmitting: isBusy,
    onSubmit: add,
    run,
  } = useSubmit(async () => {
    const body = {
      kind: 'replace' as const,
      userId,
      startsAt: zonedToInstant(startsAt, timeZone).toISOString(),
      endsAt: zonedToInstant(endsAt, timeZone).toISOString(),
      note: '',
    };
    await createOverride(client, scheduleId, body);
    onChanged();
  });

  const remove = (override: Override) =>
    run(async () => {
      try {
        await deleteOverride(client, scheduleId, override.id);
        onChanged();
      } finally {
        setConfirmingId(undefined);
      }
    });

  return (
    <section className="panel" aria-labelledby="overrides-heading">
      <h2 id="overrides-heading">Overrides</h2>
      <ErrorMessage error={error} />
      {overrides.length === 0 ? (
        <p className="muted">No overrides in the coming weeks.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Overrides</caption>
          <thead>
            <tr>
              <th scope="col">On call</th>
              <th scope="col">Instead of</th>
              <th scope="col">From ({timeZone})</th>
              <th scope="col">Until</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {overrides.map((override) => (
              <tr key={override.id} data-testid="override-row">
                <td>
                  {override.kind === 'remove' ? `${override.user.name} (taken off)` : override.user.name}
                  {override.kind === 'add' && ' (added)'}
                </td>
                <td>{override.replaces?.name ?? (override.kind === 'replace' ? 'everyone' : '—')}</td>
                <td>{formatZoned(override.startsAt, timeZone)}</td>
                <td>{formatZoned(override.endsAt, timeZone)}</td>
                <td className="actions">
                  {!canChange ? null : confirmingId === override.id ? (
                    <span className="confirm">
                      <button
                        type="button"
                        className="button danger small"
                        disabled={isBusy}
                        onClick={() => void remove(override)}
                      >
                        Yes, remove
                      </button>
                      <button type="button" className="button small" onClick={() => setConfirmingId(undefined)}>
                        Keep
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Remove the override for ${override.user.name}`}
                      onClick={() => setConfirmingId(override.id)}
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canChange && (
        <>
          <form className="inline-form" aria-label="Add an override" onSubmit={add}>
            <div className="field">
              <label htmlFor="override-user">Person</label>
              <select id="override-user" required value={userId} onChange={(event) => setUserId(event.target.value)}>
                <option value="">Choose…</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="override-start">Start ({timeZone})</label>
              <input
                id="override-start"
                type="datetime-local"
                required
                value={startsAt}
                onChange={(event) => setStartsAt(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="override-end">End ({timeZone})</label>
              <input
                id="override-end"
                type="datetime-local"
                required
                value={endsAt}
                onChange={(event) => setEndsAt(event.target.value)}
              />
            </div>
            <button type="submit" className="button primary" disabled={isBusy}>
              Add override
            </button>
          </form>
          <p className="hint">The person takes everyone’s slot for the window; a start in the past begins now.</p>
        </>
      )}
    </section>
  );
}
