/**
 * Private calendar feeds: subscribe to my shifts or this schedule's in a
 * calendar app. The secret webcal address is shown once, with a copy
 * button; feeds are listed and can be revoked.
 */
import { useState } from 'react';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage } from '../../ui/feedback';
import { Instant } from '../../ui/instant';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import type { CalendarFeed, CreatedFeed } from './schedules.types';
import { createCalendarFeed, revokeCalendarFeed } from './calendars.api';

interface CalendarPanelProps {
  scheduleId: string;
  feeds: readonly CalendarFeed[];
  onChanged: () => void;
}

export function CalendarPanel({ scheduleId, feeds, onChanged }: CalendarPanelProps) {
  const { client } = useSession();
  const [created, setCreated] = useState<CreatedFeed>();
  const [confirmingId, setConfirmingId] = useState<string>();
  const { error, isSubmitting: isBusy, run } = useSubmit();

  const act = (action: () => Promise<unknown>) =>
    run(async () => {
      try {
        await action();
        onChanged();
      } finally {
        setConfirmingId(undefined);
      }
    });

  const create = (kind: 'user' | 'schedule') =>
    act(async () => setCreated(await createCalendarFeed(client, kind === 'user' ? undefined : scheduleId)));
  const revoke = (feed: CalendarFeed) => act(() => revokeCalendarFeed(client, feed.id));
  const active = feeds.filter((feed) => !feed.revokedAt && (feed.kind === 'user' || feed.subjectId === scheduleId));

  return (
    <section className="panel" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">Calendar feeds</h2>
      <ErrorMessage error={error} />
      <div className="confirm">
        <button type="button" className="button" disabled={isBusy} onClick={() => void create('user')}>
          Create a feed of my shifts
        </button>
        <button type="button" className="button" disabled={isBusy} onClick={() => void create('schedule')}>
          Create a feed of this schedule
        </button>
      </div>
      {created && (
        <div className="secret calendar-secret" data-testid="calendar-secret">
          <p>
            <strong>Subscribe now: this address is shown only once.</strong> Anyone with it can read these shifts.
          </p>
          <div className="secret-row">
            <code id="calendar-url" className="secret-value">
              {created.webcalUrl}
            </code>
            <CopyButton value={created.webcalUrl} targetId="calendar-url" />
          </div>
          <button type="button" className="button small" onClick={() => setCreated(undefined)}>
            I have copied it
          </button>
        </div>
      )}
      {active.length > 0 && (
        <ul className="swap-list">
          {active.map((feed) => (
            <li key={feed.id} data-testid="calendar-feed">
              <span>
                {feed.kind === 'user' ? 'Shifts of' : 'Schedule'} {feed.subjectName}, created{' '}
                <Instant iso={feed.createdAt} precision="day" />
              </span>
              {confirmingId === feed.id ? (
                <span className="confirm">
                  <button
                    type="button"
                    className="button danger small"
                    disabled={isBusy}
                    onClick={() => void revoke(feed)}
                  >
                    Yes, revoke
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirmingId(undefined)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button small"
                  aria-label={`Revoke the feed of ${feed.subjectName}`}
                  onClick={() => setConfirmingId(feed.id)}
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
