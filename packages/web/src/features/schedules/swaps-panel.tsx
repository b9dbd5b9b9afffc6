/**
 * The swap market of a schedule: open "cover me" offers. Offer a window of
 * your own time, take someone else's offer (it becomes an override), or
 * withdraw your own.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser, useSession } from '../auth/session-context';
import type { Swap } from './schedules.types';
import { formatZoned, instantToZoned, zonedToInstant } from './zoned-time';
import { cancelSwap, offerSwap, takeSwap } from './schedule-changes.api';

interface SwapsPanelProps {
  /** Offer and take swaps (default true); the server still decides. */
  canChange?: boolean;
  scheduleId: string;
  timeZone: string;
  swaps: readonly Swap[];
  onChanged: () => void;
}

export function SwapsPanel({ scheduleId, timeZone, swaps, onChanged, canChange = true }: SwapsPanelProps) {
  const { client } = useSession();
  const me = useCurrentUser();
  const [startsAt, setStartsAt] = useState(() => instantToZoned(new Date(Date.now() + 86_400_000), timeZone));
  const [endsAt, setEndsAt] = useState(() => instantToZoned(new Date(Date.now() + 2 * 86_400_000), timeZone));
  const [note, setNote] = useState('');
  const { error, isSubmitting: isBusy, run: runAction } = useSubmit();

  const act = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      onChanged();
    });

  function offer(event: FormEvent) {
    event.preventDefault();
    const body = {
      startsAt: zonedToInstant(startsAt, timeZone).toISOString(),
      endsAt: zonedToInstant(endsAt, timeZone).toISOString(),
      note,
    };
    void act(async () => {
      await offerSwap(client, scheduleId, body);
      setNote('');
    });
  }

  const take = (swap: Swap) => act(() => takeSwap(client, scheduleId, swap.id));
  const cancel = (swap: Swap) => act(() => cancelSwap(client, scheduleId, swap.id));

  return (
    <section className="panel" aria-labelledby="swaps-heading">
      <h2 id="swaps-heading">Swap market</h2>
      <ErrorMessage error={error} />
      {swaps.length === 0 ? (
        <p className="muted">No open offers.</p>
      ) : (
        <ul className="swap-list">
          {swaps.map((swap) => (
            <li key={swap.id} data-testid="swap-item">
              <span>
                <strong>{swap.offeredBy.name}</strong> asks for cover {formatZoned(swap.startsAt, timeZone)} –{' '}
                {formatZoned(swap.endsAt, timeZone)}
                {swap.requestedUser && ` (asked of ${swap.requestedUser.name})`}
                {swap.note && <span className="muted"> “{swap.note}”</span>}
              </span>
              {swap.offeredBy.id === me.id ? (
                <button type="button" className="button small" disabled={isBusy} onClick={() => void cancel(swap)}>
                  Withdraw my offer
                </button>
              ) : (
                canChange && (
                  <button
                    type="button"
                    className="button small primary"
                    disabled={isBusy}
                    onClick={() => void take(swap)}
                  >
                    Take it
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <>
          <form className="inline-form" aria-label="Offer my shift" onSubmit={offer}>
            <div className="field">
              <label htmlFor="swap-start">From ({timeZone})</label>
              <input
                id="swap-start"
                type="datetime-local"
                required
                value={startsAt}
                onChange={(event) => setStartsAt(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="swap-end">Until ({timeZone})</label>
              <input
                id="swap-end"
                type="datetime-local"
                required
                value={endsAt}
                onChange={(event) => setEndsAt(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="swap-note">Note (optional)</label>
              <input id="swap-note" maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />
            </div>
            <button type="submit" className="button" disabled={isBusy}>
              Offer my shift
            </button>
          </form>
          <p className="hint">
            Offer a window of your own time on call; whoever takes it covers you through an override.
          </p>
        </>
      )}
    </section>
  );
}
