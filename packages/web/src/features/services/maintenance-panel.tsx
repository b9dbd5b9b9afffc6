/**
 * A service's maintenance windows (nobody is paged while one is open); admins
 * schedule one as "starts in / lasts" minutes, so no clock or zone has to be
 * typed at 3 a.m., and cancel them.
 */
import { useState, type FormEvent } from 'react';
import type { MaintenanceWindow } from './services.types';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { Instant } from '../../ui/instant';
import { useSession } from '../auth/session-context';
import { deleteMaintenanceWindow, openMaintenanceWindow } from './services.api';

interface MaintenancePanelProps {
  serviceId: string;
  windows: readonly MaintenanceWindow[];
  canManage: boolean;
  onChanged: () => void;
}

const MINUTE_MS = 60_000;

export function MaintenancePanel({ serviceId, windows, canManage, onChanged }: MaintenancePanelProps) {
  const { client } = useSession();
  const [startsInMinutes, setStartsInMinutes] = useState('0');
  const [durationMinutes, setDurationMinutes] = useState('60');
  const [reason, setReason] = useState('');
  const { error, isSubmitting, run: runAction } = useSubmit();

  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      onChanged();
    });

  function schedule(event: FormEvent) {
    event.preventDefault();
    const startsAt = Date.now() + Number(startsInMinutes) * MINUTE_MS;
    const body = {
      ...(Number(startsInMinutes) > 0 && { startsAt: new Date(startsAt).toISOString() }),
      endsAt: new Date(startsAt + Number(durationMinutes) * MINUTE_MS).toISOString(),
      reason: reason.trim(),
    };
    void run(async () => {
      await openMaintenanceWindow(client, serviceId, body);
      setReason('');
    });
  }

  return (
    <section className="panel" aria-labelledby="maintenance-heading">
      <h2 id="maintenance-heading">Maintenance windows</h2>
      <ErrorMessage error={error} />
      {windows.length === 0 ? (
        <p className="muted">No maintenance planned.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Maintenance windows</caption>
          <thead>
            <tr>
              <th scope="col">Starts</th>
              <th scope="col">Ends</th>
              <th scope="col">Reason</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {windows.map((entry) => (
              <tr key={entry.id} data-testid="maintenance-row">
                <td>
                  <Instant iso={entry.startsAt} /> {entry.isActive && <strong>(now)</strong>}
                </td>
                <td>
                  <Instant iso={entry.endsAt} />
                </td>
                <td className="wrap">{entry.reason || <span className="muted">—</span>}</td>
                {canManage && (
                  <td className="actions">
                    <button
                      type="button"
                      className="button small"
                      disabled={isSubmitting}
                      onClick={() => void run(() => deleteMaintenanceWindow(client, serviceId, entry.id))}
                    >
                      Cancel window
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && (
        <form className="inline-form" aria-label="Schedule maintenance" onSubmit={schedule}>
          <div className="field">
            <label htmlFor="maintenance-starts-in">Starts in (minutes)</label>
            <input
              id="maintenance-starts-in"
              type="number"
              required
              min={0}
              value={startsInMinutes}
              onChange={(event) => setStartsInMinutes(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="maintenance-duration">Lasts (minutes)</label>
            <input
              id="maintenance-duration"
              type="number"
              required
              min={1}
              value={durationMinutes}
              onChange={(event) => setDurationMinutes(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="maintenance-reason">Reason (optional)</label>
            <input
              id="maintenance-reason"
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </div>
          <button type="submit" className="button" disabled={isSubmitting}>
            Schedule maintenance
          </button>
        </form>
      )}
    </section>
  );
}
