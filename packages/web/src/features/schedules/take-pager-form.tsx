/** "Take the pager now": be the one on call on this schedule for the next N hours (an override from now). */
import { useState } from 'react';
import { ErrorMessage } from '../../ui/feedback';
import { useSubmit } from '../../ui/use-submit';
import { useSession } from '../auth/session-context';
import { takePager } from './schedule-changes.api';

export function TakePagerForm({ scheduleId, onTaken }: { scheduleId: string; onTaken: () => void }) {
  const { client } = useSession();
  const [hours, setHours] = useState(4);
  const {
    error,
    isSubmitting: isBusy,
    onSubmit,
  } = useSubmit(async () => {
    await takePager(client, scheduleId, hours);
    onTaken();
  });

  return (
    <form className="inline-form take-pager" aria-label="Take the pager" onSubmit={onSubmit}>
      <ErrorMessage error={error} />
      <div className="field">
        <label htmlFor="take-pager-hours">Hours</label>
        <input
          id="take-pager-hours"
          type="number"
          min={0.25}
          max={168}
          step={0.25}
          required
          value={hours}
          onChange={(event) => setHours(Number(event.target.value))}
        />
      </div>
      <button type="submit" className="button" disabled={isBusy}>
        Take the pager now
      </button>
    </form>
  );
}
